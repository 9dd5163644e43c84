import { describe, expect, it } from 'vitest';
import { foldAccents } from './text.js';

describe('foldAccents', () => {
  it('folds French accents and case', () => {
    expect(foldAccents('Études et Développement — Ça Œuvre à Noël')).toBe('etudes et developpement — ca œuvre a noel');
  });
});
