import { readFileSync } from 'node:fs';
import { buildASTSchema, parse, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../lib/paths.js';
import { committedSubgraphs, composeSupergraph } from '../schema/composition.js';

describe('composition', () => {
  const result = composeSupergraph(committedSubgraphs());

  it('composes the three subgraphs without errors or hints, into the committed supergraph', () => {
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    expect(result.hints).toEqual([]);
    expect(readFileSync(repoPath('schema', 'supergraph.graphql'), 'utf8')).toBe(result.supergraphSdl);
  });

  it('keeps the root fields and entity ownership of graph.md', () => {
    if (!result.ok) throw new Error('composition failed');
    const sdl = result.supergraphSdl;
    const owners: [string, string, string][] = [
      ['Worker', 'id', 'CAISSE_DES_DEPOTS'],
      ['Occupation', 'romeCode', 'FRANCE_TRAVAIL'],
      ['Training', 'id', 'TRAINING_CATALOG'],
      ['Certification', 'code', 'TRAINING_CATALOG'],
      ['TrainingProvider', 'siret', 'TRAINING_CATALOG'],
      ['Company', 'siret', 'FRANCE_TRAVAIL'],
      ['JobOffer', 'id', 'FRANCE_TRAVAIL'],
    ];
    for (const [type, key, graph] of owners) {
      expect(sdl).toMatch(new RegExp(`type ${type}\\b[^{]*@join__type\\(graph: ${graph}, key: "${key}"\\)`));
    }
    const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
    const query = schema.getQueryType() as GraphQLObjectType;
    for (const field of ['me', 'worker', 'jobOffers', 'jobOffer', 'occupation', 'occupations', 'companies', 'trainings', 'training', 'certification', 'certifications']) {
      expect(query.getFields()[field], field).toBeDefined();
    }
    const training = schema.getType('Training') as GraphQLObjectType;
    for (const field of ['cpfEligible', 'funding', 'outcomes', 'reviews', 'price', 'provider', 'certification']) expect(training.getFields()[field], field).toBeDefined();
    const occupation = schema.getType('Occupation') as GraphQLObjectType;
    for (const field of ['jobOffers', 'hiringCompanies', 'trainings', 'certifications', 'relatedOccupations']) expect(occupation.getFields()[field], field).toBeDefined();
  });

  it('fails with the composition errors when subgraphs disagree', () => {
    const broken = committedSubgraphs().map((subgraph) =>
      subgraph.name === 'france-travail' ? { ...subgraph, sdl: subgraph.sdl.replace(/type Money @shareable\b/, 'type Money') } : subgraph,
    );
    const failed = composeSupergraph(broken);
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.errors.join('\n')).toMatch(/Money/);
  });
});
