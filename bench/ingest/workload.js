/**
 * The traffic every ingestion scenario sends: interactions with a handful of dimension values (so rollups
 * group like real traffic), and signals about them with a realistic mix of types and values.
 *
 * Ids are generated up front, outside the timed part, so the load generator stays light.
 */
import { randomUUID } from 'node:crypto';

/** @typedef {'v7' | 'v4'} IdKind */
/** @typedef {{ id: string, sessionId: string, userId: string }} InteractionRef */

export const ID_KINDS = /** @type {const} */ (['v7', 'v4']);

/**
 * A UUIDv7 (RFC 9562) with the same layout as `uuidv7` from `@feedloop/core`: 48-bit Unix milliseconds,
 * version 7, the variant, and random bits (here taken from `crypto.randomUUID()`, whose variant bits are
 * the same). Core's version builds its hex byte by byte (~6 µs an id); this one costs ~0.2 µs, so
 * pre-generating millions of ids does not stretch the benchmark.
 * @param {number} [now]
 */
export function fastUuidv7(now = Date.now()) {
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
}

/** @param {IdKind} kind */
export function newId(kind) {
  return kind === 'v7' ? fastUuidv7() : randomUUID();
}

const TENANTS = Array.from({ length: 20 }, (_, i) => `tenant-${i + 1}`);
const FEATURES = ['support-chat', 'search', 'summarise', 'copilot'];
const MODELS = [
  ['gpt-x', '2026-10'],
  ['gpt-x', '2026-11'],
  ['claude-y', '2026-09'],
];
const TEMPLATES = [
  ['support', '12'],
  ['support', '13'],
  ['search-answer', '4'],
];

const pick = (/** @type {readonly any[]} */ list, /** @type {number} */ i) => list[i % list.length];

/**
 * Interactions as the Node SDK would log them: time-ordered ids, dimensions, a short input and output.
 * @param {number} count
 */
export function makeInteractions(count) {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const [model, modelVersion] = pick(MODELS, i * 7);
    const [promptTemplate, promptVersion] = pick(TEMPLATES, i * 11);
    return {
      id: fastUuidv7(now - (count - i) * 1000),
      createdAt: new Date(now - (count - i) * 1000).toISOString(),
      sessionId: `s_${Math.floor(i / 4)}`,
      userId: `u_${Math.floor(i / 8)}`,
      tenant: pick(TENANTS, i),
      feature: pick(FEATURES, i * 3),
      language: i % 5 === 0 ? 'de' : 'en',
      model,
      modelVersion,
      promptTemplate,
      promptVersion,
      input: [{ role: 'user', content: `Question number ${i}: how do I reset my password?` }],
      output: `Answer ${i}: go to Settings → Security and choose "Reset password".`,
      metadata: {},
    };
  });
}

/**
 * One signal's type and value, in a plausible mix: mostly thumbs, some copies, dwell times and ratings.
 * `value` is the JSON text the wire carries (undefined for none); the rest is what the store derives.
 * @returns {{ kind: string, type: string, value: string | undefined, valueNum: number | null }}
 */
function signalKindAndValue() {
  const r = Math.random();
  if (r < 0.6) {
    const thumb = Math.random() < 0.75 ? 1 : -1;
    return { kind: 'explicit', type: 'thumbs', value: String(thumb), valueNum: thumb };
  }
  if (r < 0.7) {
    const stars = 1 + Math.floor(Math.random() * 5);
    return { kind: 'explicit', type: 'rating', value: String(stars), valueNum: stars };
  }
  if (r < 0.85) return { kind: 'implicit', type: 'copy', value: undefined, valueNum: null };
  const ms = Math.floor(Math.random() * 60_000);
  return { kind: 'implicit', type: 'dwell', value: String(ms), valueNum: ms };
}

/**
 * One signal as JSON text, as an SDK would send it: about one of `interactions`, created within the last
 * ten minutes.
 * @param {IdKind} idKind
 * @param {InteractionRef[]} interactions
 * @param {number} now
 */
export function signalJson(idKind, interactions, now) {
  const interaction = interactions[Math.floor(Math.random() * interactions.length)];
  const { type, value } = signalKindAndValue();
  const createdAt = new Date(now - Math.floor(Math.random() * 600_000)).toISOString();
  const valuePart = value === undefined ? '' : `,"value":${value}`;
  return `{"id":"${newId(idKind)}","interactionId":"${interaction.id}","type":"${type}"${valuePart},"userId":"${interaction.userId}","sessionId":"${interaction.sessionId}","createdAt":"${createdAt}"}`;
}

/**
 * A request body: one signal for `POST /v1/signals` (size 0), else `{ "signals": [...] }` of `size`.
 * @param {IdKind} idKind
 * @param {InteractionRef[]} interactions
 * @param {number} size
 */
export function requestBody(idKind, interactions, size) {
  const now = Date.now();
  if (size === 0) return Buffer.from(signalJson(idKind, interactions, now));
  const parts = new Array(size);
  for (let i = 0; i < size; i++) parts[i] = signalJson(idKind, interactions, now);
  return Buffer.from(`{"signals":[${parts.join(',')}]}`);
}

/**
 * A `signals` table row (the store's column order, see SIGNAL_COLUMNS in sqlite-ingest-writer.ts) with the
 * same values the server would store for `signalJson`.
 * @param {string} projectId
 * @param {IdKind} idKind
 * @param {InteractionRef[]} interactions
 * @param {number} now
 */
export function signalRow(projectId, idKind, interactions, now) {
  const interaction = interactions[Math.floor(Math.random() * interactions.length)];
  const { kind, type, value, valueNum } = signalKindAndValue();
  return [
    projectId,
    newId(idKind),
    interaction.id,
    interaction.sessionId,
    interaction.userId,
    kind,
    type,
    value ?? null,
    valueNum,
    now - Math.floor(Math.random() * 600_000),
    now,
    '{}',
    1,
  ];
}
