import { distanceKm } from '../../../../lib/geo.js';
import type { Training, TrainingSession } from './training.js';

/** A training at its next session in a plan's window, with its distance to the plan's place. */
export interface TransitionCandidateModel {
  id: string;
  training: Training;
  session: TrainingSession;
  start: string;
  distanceKm: number | null;
}

/** A plan considers at most this many trainings: the nearest, then soonest (the ranked list is cut to `first` after that). */
export const MAX_CANDIDATES = 50;

export interface Window {
  /** ISO: the session starts on or after it (today). */
  from: string;
  /** ISO: the session starts before it, when set. */
  before: string | null;
}

/** The earliest session starting in the window; sessions without a known start cannot be planned. */
export function nextSession(training: Training, window: Window): TrainingSession | null {
  let best: TrainingSession | null = null;
  for (const session of training.sessions) {
    if (!session.start || session.start < window.from || (window.before !== null && session.start >= window.before)) continue;
    if (!best?.start || session.start < best.start || (session.start === best.start && session.id < best.id)) best = session;
  }
  return best;
}

/** Distance from a point to the nearest located site of the training; null without coordinates. */
export function nearestSiteKm(training: Training, point: { latitude: number; longitude: number } | null): number | null {
  if (!point) return null;
  let best: number | null = null;
  for (const place of training.places) {
    if (place.latitude === null || place.longitude === null) continue;
    const distance = distanceKm(point.latitude, point.longitude, place.latitude, place.longitude);
    if (best === null || distance < best) best = distance;
  }
  return best === null ? null : Math.round(best * 10) / 10;
}

/** Candidates nearest first (unknown distance last), then soonest, then by training id: the order `candidates` documents. */
export function compareCandidates(a: TransitionCandidateModel, b: TransitionCandidateModel): number {
  const da = a.distanceKm ?? Number.POSITIVE_INFINITY;
  const db = b.distanceKm ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da - db;
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.training.id < b.training.id ? -1 : a.training.id > b.training.id ? 1 : 0;
}
