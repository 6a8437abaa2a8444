/**
 * The abuse filter's rules, as pure functions over one voter's votes. Each rule is judged against the
 * voter's other stored votes by their client time, not by arrival order, so a queue flushed late (an
 * offline browser) gets the same verdict as one sent live, and SQLite and PostgreSQL agree.
 */
import type { AbuseSettings } from '@feedloop/store';

/** Signal types that are votes: the latest one per user and interaction wins. */
export const VOTE_TYPES = ['thumbs', 'rating'] as const;

export const isVoteType = (type: string): boolean => (VOTE_TYPES as readonly string[]).includes(type);

export type AbuseReason = 'bot' | 'burst' | 'no-views' | 'weight-cap' | 'flip-flop';

/** Why a signal no longer counts: replaced by a later vote, or one of the abuse rules. */
export type FlagReason = 'superseded' | AbuseReason;

/**
 * User agents of crawlers, headless browsers and HTTP libraries: nobody reads an answer through them.
 * Matched against `metadata.userAgent` of the signal (the server fills it for browser requests).
 */
export const BOT_USER_AGENT =
  /bot\b|bot\/|crawl|spider|slurp|headless|phantomjs|selenium|puppeteer|playwright|python-requests|python-urllib|curl\/|wget\/|scrapy|go-http-client|java\/|okhttp|httpclient|node-fetch|axios\//i;

export function isBotUserAgent(userAgent: unknown): boolean {
  return typeof userAgent === 'string' && BOT_USER_AGENT.test(userAgent);
}

export interface VoteEvent {
  id: string;
  interactionId: string;
  createdAt: number;
  /** The voter saw the answer: their own interaction, their session, or an implicit signal of theirs on it. */
  viewed: boolean;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
export const UNVIEWED_WINDOW_MS = 7 * DAY_MS;

/** Total order on votes: client time, then id (ids are unique). */
const before = (a: VoteEvent, b: VoteEvent): boolean =>
  a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

/**
 * The rate rule `vote` breaks given all of its voter's votes around it (`history`, which may include
 * `vote` itself and later votes; only earlier ones count), or null.
 *
 * - burst: more than `burstPerMinute` votes within the 60 s ending at this one;
 * - no-views: a vote on an unseen interaction after `unviewedVotesPerWeek` other unseen ones in the
 *   7 days before it (a rolling window, so spreading the votes over days does not help);
 * - weight-cap: a vote on a new interaction after `votesPerUserPerDay` others that UTC day.
 * A changed vote on an interaction already counted that day is never capped: it replaces, not adds.
 */
export function rateRuleBroken(
  vote: VoteEvent,
  history: readonly VoteEvent[],
  settings: AbuseSettings,
): Exclude<AbuseReason, 'bot' | 'flip-flop'> | null {
  const dayStart = Math.floor(vote.createdAt / DAY_MS) * DAY_MS;
  let inLastMinute = 1;
  const earlierToday = new Set<string>();
  const unviewedThisWeek = new Set<string>();
  for (const other of history) {
    if (other.id === vote.id || !before(other, vote)) continue;
    if (other.createdAt > vote.createdAt - MINUTE_MS) inLastMinute += 1;
    if (other.createdAt >= dayStart) earlierToday.add(other.interactionId);
    if (!other.viewed && other.createdAt > vote.createdAt - UNVIEWED_WINDOW_MS)
      unviewedThisWeek.add(other.interactionId);
  }
  if (inLastMinute > settings.burstPerMinute) return 'burst';
  const repeat = earlierToday.has(vote.interactionId);
  const repeatUnviewed = unviewedThisWeek.has(vote.interactionId);
  if (!vote.viewed && !repeatUnviewed && unviewedThisWeek.size >= settings.unviewedVotesPerWeek) return 'no-views';
  if (!repeat && earlierToday.size >= settings.votesPerUserPerDay) return 'weight-cap';
  return null;
}
