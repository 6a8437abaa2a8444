/** What a drafted note measured: which versions, the measure before and after, and the test behind it. */
import type { Rate, ReleaseNote, ReleaseNoteEvidence } from '../../api/types';
import { count, formatDay, percent, pValue } from '../../lib/format';

const MEASURES: Record<ReleaseNoteEvidence['measure'], string> = {
  positiveRate: 'Thumbs-up rate (higher is better)',
  rating: 'Mean rating (higher is better)',
  regenerateRate: 'Regenerate rate (lower is better)',
  correctionRate: 'Correction rate (lower is better)',
};

/** The evidence as drafted, or null when a note carries none the dashboard can read. */
export function evidenceOf(note: ReleaseNote): ReleaseNoteEvidence | null {
  const e = note.evidence as Partial<ReleaseNoteEvidence> | null;
  if (!e || typeof e !== 'object' || !e.measure || !e.from || !e.to || typeof e.pValue !== 'number') return null;
  return e as ReleaseNoteEvidence;
}

function value(v: ReleaseNoteEvidence['before'], measure: ReleaseNoteEvidence['measure']): string {
  if ('trials' in v) {
    const r = v as Rate;
    const of = measure === 'positiveRate' ? 'votes' : 'answers';
    return `${percent(r.estimate)} (95% interval ${percent(r.low, 0)}–${percent(r.high, 0)}) of ${count(r.trials)} ${of}`;
  }
  return v.mean === null ? '—' : `${v.mean.toFixed(2)} stars over ${count(v.count)} ratings`;
}

export function NoteEvidence({ evidence: e }: { evidence: ReleaseNoteEvidence }) {
  const subject = e.kind === 'prompt' ? `Prompt template ${e.subject}` : `Model ${e.subject}`;
  return (
    <dl className="facts">
      <dt>What changed</dt>
      <dd>
        {subject}: version {e.from.version} → {e.to.version}{' '}
        <span className="muted">
          (first seen {formatDay(e.from.firstSeen)} and {formatDay(e.to.firstSeen)})
        </span>
      </dd>
      <dt>Measure</dt>
      <dd>{MEASURES[e.measure] ?? e.measure}</dd>
      <dt>Before (v{e.from.version})</dt>
      <dd>{value(e.before, e.measure)}</dd>
      <dt>After (v{e.to.version})</dt>
      <dd>{value(e.after, e.measure)}</dd>
      <dt>p-value</dt>
      <dd>
        {pValue(e.pValue)}{' '}
        <span className="muted">
          (needed below {e.alphaPerTest.toPrecision(2)}: α = {(e.alphaPerTest * e.tests).toPrecision(2)} split over the
          run's {count(e.tests)} {e.tests === 1 ? 'test' : 'tests'})
        </span>
      </dd>
    </dl>
  );
}
