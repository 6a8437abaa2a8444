/** Why an interaction is a candidate: its strength and each kind of evidence as a badge. */
import type { EvalCandidate } from '../../api/types';
import { plural } from './eval-text';

export function EvidenceBadges({ evidence: e }: { evidence: EvalCandidate['evidence'] }) {
  const badges: Array<{ key: string; className: string; symbol: string; text: string }> = [];
  if (e.edits > 0) badges.push({ key: 'edits', className: 'chip down', symbol: '✎', text: plural(e.edits, 'edit') });
  if (e.thumbsDown > 0) {
    badges.push({ key: 'down', className: 'chip down', symbol: '▼', text: `${e.thumbsDown} thumbs down` });
  }
  if (e.lowRatings > 0) {
    badges.push({
      key: 'low',
      className: 'chip down',
      symbol: '★',
      text: plural(e.lowRatings, 'rating of 1–2', 'ratings of 1–2'),
    });
  }
  if (e.regenerations > 0) {
    badges.push({ key: 'regen', className: 'chip', symbol: '↻', text: `regenerated ${e.regenerations}×` });
  }
  if (e.thumbsUp > 0) badges.push({ key: 'up', className: 'chip up', symbol: '▲', text: `${e.thumbsUp} thumbs up` });
  if (e.comments.length > 0)
    badges.push({ key: 'comments', className: 'chip', symbol: '❝', text: plural(e.comments.length, 'comment') });
  return (
    <ul className="chips evidence" aria-label="Evidence">
      <li className="badge" title="Edit 3, thumbs down 2, rating of 1–2: 2, regeneration 1, thumbs up −1">
        strength {e.strength}
      </li>
      {badges.map((b) => (
        <li key={b.key} className={b.className}>
          <span aria-hidden="true">{b.symbol}</span> {b.text}
        </li>
      ))}
    </ul>
  );
}
