/**
 * Drafts "we improved on X" notes: when a new prompt or model version improves a measure significantly
 * over the version before it, a draft is written for the team to approve or edit; approved notes are what
 * the app shows its users. Many versions and measures are tested in one run, so each test must pass
 * alpha divided by the number of tests (Bonferroni): with no real change, a run drafts nothing at least
 * 95% of the time.
 */
import { randomUUID } from 'node:crypto';
import { insertDraftNote, type Store } from '@feedloop/store';
import { DEFAULT_MIN_SUPPORT } from '../analysis/cohorts.js';
import { DEFAULT_ALPHA } from '../analysis/comparison.js';
import type { AnalysisFilter, Rate } from '../analysis/types.js';
import { screenProject } from '../screening/screen-signals.js';
import { type VersionDelta, type VersionedKind, versionDeltas, versionedSubjects } from './version-deltas.js';

const DAY_MS = 86_400_000;
export const DEFAULT_NOTE_WINDOW_MS = 90 * DAY_MS;

export type ImprovedMeasure = 'positiveRate' | 'rating' | 'regenerateRate' | 'correctionRate' | `theme:${string}`;

/** One measure of one delta that could be an improvement. */
interface Candidate {
  delta: VersionDelta;
  measure: ImprovedMeasure;
  pValue: number;
  improved: boolean;
  before: Rate | { mean: number | null; count: number };
  after: Rate | { mean: number | null; count: number };
}

function candidatesOf(delta: VersionDelta, minSupport: number): Candidate[] {
  const c = delta.comparison;
  const out: Candidate[] = [];
  const big = (a: number, b: number) => a >= minSupport && b >= minSupport;
  if (big(c.positiveRate.baseline.trials, c.positiveRate.other.trials)) {
    out.push({
      delta,
      measure: 'positiveRate',
      pValue: c.positiveRate.pValue,
      improved: c.positiveRate.difference > 0,
      before: c.positiveRate.baseline,
      after: c.positiveRate.other,
    });
  }
  if (c.rating && big(c.rating.baselineMean.count, c.rating.otherMean.count)) {
    out.push({
      delta,
      measure: 'rating',
      pValue: c.rating.pValue,
      improved: c.rating.probabilityOtherHigher > 0.5,
      before: { mean: c.rating.baselineMean.estimate, count: c.rating.baselineMean.count },
      after: { mean: c.rating.otherMean.estimate, count: c.rating.otherMean.count },
    });
  }
  for (const measure of ['regenerateRate', 'correctionRate'] as const) {
    const r = c[measure];
    if (!big(r.baseline.trials, r.other.trials) || r.baseline.successes + r.other.successes === 0) continue;
    out.push({ delta, measure, pValue: r.pValue, improved: r.difference < 0, before: r.baseline, after: r.other });
  }
  // A failure category is tested when it was a real part of the older version's failures.
  for (const share of delta.themeShares) {
    if (share.category === 'other' || share.before.successes < minSupport / 3 || share.after.trials < minSupport / 3)
      continue;
    out.push({
      delta,
      measure: `theme:${share.category}`,
      pValue: share.pValue,
      improved: share.difference < 0,
      before: share.before,
      after: share.after,
    });
  }
  return out;
}

const percent = (r: Rate) => (r.estimate === null ? '—' : `${(100 * r.estimate).toFixed(0)}%`);
const subjectName = (d: VersionDelta) => (d.kind === 'prompt' ? `the ${d.subject} prompt` : `${d.subject}`);

/** A plain first draft; the team edits it before approving. */
function wording(c: Candidate): { title: string; body: string } {
  const d = c.delta;
  const since = `Since version ${d.to.version} of ${subjectName(d)}`;
  if (c.measure.startsWith('theme:')) {
    const category = c.measure.slice('theme:'.length);
    const [b, a] = [c.before as Rate, c.after as Rate];
    return {
      title: `We improved on ${category}`,
      body: `${since}, ${category} account for ${percent(a)} of negative feedback, down from ${percent(b)}.`,
    };
  }
  switch (c.measure) {
    case 'positiveRate': {
      const [b, a] = [c.before as Rate, c.after as Rate];
      return {
        title: 'Answers are rated helpful more often',
        body: `${since}, ${percent(a)} of rated answers got a thumbs up, up from ${percent(b)}.`,
      };
    }
    case 'rating': {
      const [b, a] = [c.before, c.after] as Array<{ mean: number | null }>;
      return {
        title: 'Answers are rated higher',
        body: `${since}, answers average ${a?.mean?.toFixed(1)} stars, up from ${b?.mean?.toFixed(1)}.`,
      };
    }
    case 'regenerateRate': {
      const [b, a] = [c.before as Rate, c.after as Rate];
      return {
        title: 'Fewer answers need regenerating',
        body: `${since}, ${percent(a)} of answers were regenerated, down from ${percent(b)}.`,
      };
    }
    default: {
      const [b, a] = [c.before as Rate, c.after as Rate];
      return {
        title: 'Fewer answers need correcting',
        body: `${since}, ${percent(a)} of answers were edited before use, down from ${percent(b)}.`,
      };
    }
  }
}

export interface DraftOptions {
  projectId: string;
  now?: number;
  /** How far back versions are compared; default 90 days. */
  windowMs?: number;
  alpha?: number;
  minSupport?: number;
}

export interface DraftReport {
  tests: number;
  /** The per-test level after the Bonferroni correction. */
  alphaPerTest: number;
  drafted: string[];
}

export async function draftReleaseNotes(store: Store, options: DraftOptions): Promise<DraftReport> {
  const { projectId, alpha = DEFAULT_ALPHA, minSupport = DEFAULT_MIN_SUPPORT } = options;
  const now = options.now ?? Date.now();
  await screenProject(store, projectId);
  const filter: AnalysisFilter = { projectId, from: now - (options.windowMs ?? DEFAULT_NOTE_WINDOW_MS), to: now };
  const candidates: Candidate[] = [];
  for (const kind of ['prompt', 'model'] as VersionedKind[]) {
    for (const subject of await versionedSubjects(store.db, projectId, kind)) {
      for (const delta of await versionDeltas(store.db, filter, kind, subject)) {
        candidates.push(...candidatesOf(delta, minSupport));
      }
    }
  }
  const alphaPerTest = candidates.length === 0 ? alpha : alpha / candidates.length;
  const drafted: string[] = [];
  for (const c of candidates) {
    if (!c.improved || !(c.pValue < alphaPerTest)) continue;
    const d = c.delta;
    const id = `note_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const inserted = await insertDraftNote(store.db, {
      project_id: projectId,
      id,
      subject_key: JSON.stringify([d.kind, d.subject, d.from.version, d.to.version, c.measure]),
      ...wording(c),
      evidence: JSON.stringify({
        kind: d.kind,
        subject: d.subject,
        from: d.from,
        to: d.to,
        measure: c.measure,
        before: c.before,
        after: c.after,
        pValue: c.pValue,
        alphaPerTest,
        tests: candidates.length,
      }),
      created_at: now,
    });
    if (inserted) drafted.push(id);
  }
  return { tests: candidates.length, alphaPerTest, drafted };
}
