/**
 * Generated feedback histories with planted effects, for the analysis tests: records are built from one
 * validated template and varied by a seeded generator, so a dataset is the same on every run and backend.
 */
import type { InteractionRecord, SignalRecord } from '@feedloop/core';
import { seededRandom } from '@feedloop/core';
import type { IngestBatch, Store } from '@feedloop/store';
import { interactionRecord, signalRecord } from './fixtures.js';

export const DAY = 86_400_000;
/** A Monday, so weekly buckets line up with the data. */
export const WEEK_START = Date.parse('2026-11-02T00:00:00Z');

const templateInteraction = interactionRecord();
const templateSignal = signalRecord('x');

export interface Arm {
  /** Dimensions of the arm's interactions (merged into the template). */
  dimensions: Partial<InteractionRecord>;
  /** Probability that a vote is thumbs up. */
  pUp: number;
  interactions: number;
  /** Per interaction: probability of a regenerate / an edit. */
  pRegenerate?: number;
  pEdit?: number;
  /** Ratings drawn from these weights for stars 1..5, one per interaction, when given. */
  ratingWeights?: number[];
}

export interface Generated extends IngestBatch {
  interactions: InteractionRecord[];
  signals: SignalRecord[];
}

let counter = 0;
const uniqueId = (prefix: string) => `${prefix}_${(counter++).toString(36).padStart(8, '0')}`;

export function interactionAt(createdAt: number, overrides: Partial<InteractionRecord> = {}): InteractionRecord {
  return { ...templateInteraction, id: uniqueId('int'), createdAt, ...overrides };
}

export function signalAt(
  interactionId: string | null,
  createdAt: number,
  overrides: Partial<SignalRecord> = {},
): SignalRecord {
  return { ...templateSignal, id: uniqueId('sig'), interactionId, createdAt, ...overrides };
}

export const vote = (interactionId: string, createdAt: number, up: boolean, userId: string, sessionId: string) =>
  signalAt(interactionId, createdAt, {
    kind: 'explicit',
    type: 'thumbs',
    value: up ? 1 : -1,
    valueNum: up ? 1 : -1,
    userId,
    sessionId,
  });

function pick(weights: number[], random: () => number): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] ?? 0;
    if (r <= 0) return i;
  }
  return weights.length - 1;
}

/**
 * One interaction per (user, session) and one thumbs vote from its own user on each, spread over
 * `days` from `start`; plus regenerations, edits and ratings at the arm's rates.
 */
export function generateArms(arms: Arm[], seed: number, start = WEEK_START, days = 7): Generated {
  const random = seededRandom(seed);
  const out: Generated = { interactions: [], signals: [] };
  for (const [a, arm] of arms.entries()) {
    for (let k = 0; k < arm.interactions; k++) {
      const at = start + Math.floor(random() * days * DAY);
      const userId = `u_${seed}_${a}_${k}`;
      const sessionId = `s_${seed}_${a}_${k}`;
      const i = interactionAt(at, { ...arm.dimensions, userId, sessionId });
      out.interactions.push(i);
      out.signals.push(vote(i.id, at + 5_000, random() < arm.pUp, userId, sessionId));
      if (random() < (arm.pRegenerate ?? 0)) {
        out.signals.push(
          signalAt(i.id, at + 6_000, {
            kind: 'implicit',
            type: 'regenerate',
            value: null,
            valueNum: null,
            userId,
            sessionId,
          }),
        );
      }
      if (random() < (arm.pEdit ?? 0)) {
        out.signals.push(
          signalAt(i.id, at + 7_000, {
            kind: 'correction',
            type: 'edit',
            value: 'fixed',
            valueNum: null,
            userId,
            sessionId,
          }),
        );
      }
      if (arm.ratingWeights) {
        const stars = pick(arm.ratingWeights, random) + 1;
        out.signals.push(
          signalAt(i.id, at + 8_000, {
            kind: 'explicit',
            type: 'rating',
            value: stars,
            valueNum: stars,
            userId,
            sessionId,
          }),
        );
      }
    }
  }
  return out;
}

/** Writes a generated batch in chunks (as a busy server would receive it). */
export async function ingestAll(store: Store, projectId: string, data: IngestBatch, chunk = 2000): Promise<void> {
  for (let i = 0; i < data.interactions.length; i += chunk) {
    await store.ingest(projectId, { interactions: data.interactions.slice(i, i + chunk), signals: [] }, Date.now());
  }
  for (let i = 0; i < data.signals.length; i += chunk) {
    await store.ingest(projectId, { interactions: [], signals: data.signals.slice(i, i + chunk) }, Date.now());
  }
}
