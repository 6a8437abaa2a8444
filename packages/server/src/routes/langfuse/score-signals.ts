/**
 * A Langfuse score as Feedloop signals — the documented mapping (docs/integrations/langfuse.md):
 * - a feedback score (`user-feedback`, `feedback`, `thumbs`) of 1 / 0 (or true / false, or a category like
 *   `up` / `down`) → a `thumbs` signal, 1 or -1;
 * - a rating score (`rating`, `user-rating`, `stars`) of a whole number 1–5 → `rating`;
 * - a TEXT score, or one named `comment` → `comment`; a CORRECTION score, or one named `correction` → `edit`;
 * - anything else → the custom type `langfuse:<name>` (kind explicit), valued by its number or category.
 * The score's `comment` on a thumb or rating is the user's own words, so it becomes a `comment` signal too.
 * `traceId` names the interaction; a score with only `sessionId` is about the whole session.
 */
import type { ItemError } from '@feedloop/core';
import { readScoreValue, type ScoreValue } from './score-value.js';

export type ScoreSignals =
  | { ok: true; scoreId: string; signals: Array<Record<string, unknown>> }
  | { ok: false; errors: ItemError[] };

const THUMBS_NAMES = new Set(['user-feedback', 'feedback', 'thumbs', 'thumb']);
const RATING_NAMES = new Set(['rating', 'user-rating', 'stars']);
const COMMENT_NAMES = new Set(['comment', 'user-comment']);
const CORRECTION_NAMES = new Set(['correction', 'user-correction']);
const THUMB_WORDS = new Map<string, 1 | -1>([
  ['up', 1],
  ['thumbs-up', 1],
  ['positive', 1],
  ['good', 1],
  ['helpful', 1],
  ['yes', 1],
  ['👍', 1],
  ['down', -1],
  ['thumbs-down', -1],
  ['negative', -1],
  ['bad', -1],
  ['not-helpful', -1],
  ['no', -1],
  ['👎', -1],
]);

/** `User Feedback`, `user_feedback` and `user-feedback` are one name. */
const normalise = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

/** What the name part of a custom type allows: `[a-z0-9][a-z0-9_.-]{0,79}`. */
function typeSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

function thumbOf(value: ScoreValue): 1 | -1 | undefined {
  if ('number' in value) return value.number === 1 ? 1 : value.number === 0 || value.number === -1 ? -1 : undefined;
  return THUMB_WORDS.get(normalise(value.text));
}

/** The signal's type and value; `userText` marks the types whose score comment is the user's own words. */
function classify(name: string, value: ScoreValue): { type: string; value: unknown; userText: boolean } | undefined {
  const key = normalise(name);
  if (THUMBS_NAMES.has(key)) {
    const thumb = thumbOf(value);
    if (thumb !== undefined) return { type: 'thumbs', value: thumb, userText: true };
  }
  if (RATING_NAMES.has(key) && 'number' in value && Number.isInteger(value.number)) {
    if (value.number >= 1 && value.number <= 5) return { type: 'rating', value: value.number, userText: true };
  }
  if ('text' in value) {
    if (value.dataType === 'CORRECTION' || CORRECTION_NAMES.has(key))
      return { type: 'edit', value: value.text, userText: false };
    if (value.dataType === 'TEXT' || COMMENT_NAMES.has(key))
      return { type: 'comment', value: value.text, userText: false };
  }
  const slug = typeSlug(name);
  if (slug === '') return undefined;
  return { type: `langfuse:${slug}`, value: 'number' in value ? value.number : value.text, userText: false };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Options from the envelope a score came in: its event id and time, when it came in an ingestion batch. */
export interface ScoreEnvelope {
  eventId?: string;
  timestamp?: string;
  newId: () => string;
}

export function scoreSignals(score: unknown, envelope: ScoreEnvelope): ScoreSignals {
  if (!isRecord(score)) return { ok: false, errors: [{ field: 'body', reason: 'expected a score object' }] };
  const errors: ItemError[] = [];
  const name = text(score.name);
  if (name === undefined) errors.push({ field: 'name', reason: 'expected the score name' });
  const value = readScoreValue(score.dataType, score.value);
  if ('field' in value) errors.push(value);
  const traceId = text(score.traceId);
  const sessionId = text(score.sessionId);
  if (traceId === undefined && sessionId === undefined) {
    errors.push({ field: 'traceId', reason: 'a score names a traceId (the interaction id) or a sessionId' });
  }
  if (name === undefined || 'field' in value || errors.length > 0) return { ok: false, errors };
  const mapped = classify(name, value);
  if (!mapped) return { ok: false, errors: [{ field: 'name', reason: 'expected a name with a letter or digit' }] };

  const scoreId = text(score.id) ?? envelope.eventId ?? envelope.newId();
  const comment = text(score.comment);
  const userMetadata = isRecord(score.metadata) ? score.metadata : undefined;
  const metadata: Record<string, unknown> = { source: 'langfuse', score: name, dataType: value.dataType };
  for (const key of ['observationId', 'environment', 'configId'] as const) {
    const field = text(score[key]);
    if (field !== undefined) metadata[key] = field;
  }
  if (comment !== undefined && !mapped.userText) metadata.comment = comment;
  if (userMetadata) metadata.langfuse = userMetadata;
  const base: Record<string, unknown> = { interactionId: traceId ?? null, sessionId: sessionId ?? null, metadata };
  const userId = text(userMetadata?.userId);
  if (userId !== undefined) base.userId = userId;
  if (envelope.timestamp !== undefined) base.createdAt = envelope.timestamp;

  const kind = mapped.type.startsWith('langfuse:') ? { kind: 'explicit' } : {};
  const signals = [{ ...base, ...kind, id: scoreId, type: mapped.type, value: mapped.value }];
  if (comment !== undefined && mapped.userText) {
    signals.push({ ...base, id: `${scoreId}:comment`, type: 'comment', value: comment });
  }
  return { ok: true, scoreId, signals };
}
