/**
 * What the feedback on one interaction amounts to. Signals are immutable events and a changed thumb is
 * a newer event, so everything here takes the LATEST signal per voter (see `voterKey`) and type:
 *
 * - rated up   = net of latest thumbs > 0 (a 0 takes a thumb back), or mean of latest ratings >= 4;
 * - rated down = net of latest thumbs < 0, or mean of latest ratings <= 2;
 *   both at once (thumbs up, stars 1) is `mixed` and neither;
 * - accepted   = more voters whose latest accept/reject is accept than reject (one decision stream);
 * - edits      = each voter's latest edit (the user's final text);
 * - preferences = each voter's latest preference per interaction it beat.
 */
import { bySignalTime, type SignalRow, voterKey } from './signal-rows.js';

export type Verdict = 'up' | 'down' | 'mixed' | 'none';

export interface Edit {
  text: string;
  userId: string | null;
}

export interface Preference {
  /** The interaction this one was preferred over. */
  over: string;
  voter: string;
  userId: string | null;
  signal: SignalRow;
}

export interface FeedbackSummary {
  verdict: Verdict;
  /** The user of the latest signal pointing the verdict's way: who made it "up" or "down". */
  verdictUserId: string | null;
  accepted: boolean;
  acceptUserId: string | null;
  edits: Edit[];
  preferences: Preference[];
}

const parse = (value: string | null): unknown => (value === null ? null : JSON.parse(value));

/** Latest per (voter, key); `rows` are oldest first, so the last write wins. */
function latestBy(rows: readonly SignalRow[], key: (s: SignalRow) => string | undefined): Map<string, SignalRow> {
  const latest = new Map<string, SignalRow>();
  for (const s of rows) {
    const k = key(s);
    if (k === undefined) continue;
    latest.delete(k); // re-inserting keeps the map in order of each key's latest signal
    latest.set(k, s);
  }
  return latest;
}

const pointsUp = (s: SignalRow) => (s.type === 'thumbs' ? (s.value_num ?? 0) > 0 : (s.value_num ?? 0) >= 4);
const pointsDown = (s: SignalRow) => (s.type === 'thumbs' ? (s.value_num ?? 0) < 0 : (s.value_num ?? 0) <= 2);

function verdictOf(rows: readonly SignalRow[]): { verdict: Verdict; userId: string | null } {
  const thumbs = [...latestBy(rows, (s) => (s.type === 'thumbs' ? voterKey(s) : undefined)).values()];
  const ratings = [...latestBy(rows, (s) => (s.type === 'rating' ? voterKey(s) : undefined)).values()];
  const net = thumbs.reduce((sum, s) => sum + (s.value_num ?? 0), 0);
  const mean = ratings.length === 0 ? null : ratings.reduce((sum, s) => sum + (s.value_num ?? 0), 0) / ratings.length;
  const up = net > 0 || (mean !== null && mean >= 4);
  const down = net < 0 || (mean !== null && mean <= 2);
  if (up === down) return { verdict: up ? 'mixed' : 'none', userId: null };
  const decisive = [...thumbs, ...ratings].filter(up ? pointsUp : pointsDown).sort(bySignalTime);
  return { verdict: up ? 'up' : 'down', userId: decisive[decisive.length - 1]?.user_id ?? null };
}

/**
 * Summarises one interaction's signals (oldest first, as `signalsOf` returns them).
 *
 * @example
 * // u_1 thumbs up, then changes to down: the newer event wins
 * summarizeFeedback([up(u_1, t1), down(u_1, t2)]).verdict; // 'down'
 */
export function summarizeFeedback(rows: readonly SignalRow[]): FeedbackSummary {
  const { verdict, userId } = verdictOf(rows);
  const decisions = [
    ...latestBy(rows, (s) => (s.type === 'accept' || s.type === 'reject' ? voterKey(s) : undefined)).values(),
  ];
  const accepts = decisions.filter((s) => s.type === 'accept');
  const edits: Edit[] = [];
  for (const s of latestBy(rows, (s) => (s.type === 'edit' ? voterKey(s) : undefined)).values()) {
    const text = parse(s.value);
    if (typeof text === 'string') edits.push({ text, userId: s.user_id });
  }
  const preferences: Preference[] = [];
  const overOf = (s: SignalRow): string | undefined => {
    const value = parse(s.value) as { over?: unknown } | null;
    return typeof value?.over === 'string' ? value.over : undefined;
  };
  for (const s of latestBy(rows, (s) => {
    if (s.type !== 'preference') return undefined;
    const over = overOf(s);
    return over === undefined ? undefined : `${voterKey(s)}\u0000${over}`;
  }).values()) {
    preferences.push({ over: overOf(s) ?? '', voter: voterKey(s), userId: s.user_id, signal: s });
  }
  return {
    verdict,
    verdictUserId: userId,
    accepted: accepts.length > decisions.length - accepts.length,
    acceptUserId: accepts[accepts.length - 1]?.user_id ?? null,
    edits,
    preferences,
  };
}

/** A summary with no feedback at all, for interactions without signals. */
export const NO_FEEDBACK: FeedbackSummary = {
  verdict: 'none',
  verdictUserId: null,
  accepted: false,
  acceptUserId: null,
  edits: [],
  preferences: [],
};
