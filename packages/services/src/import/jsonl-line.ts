/**
 * The generic format: the wire shape, one JSON object per line, with any of these fields —
 * `"interaction": {…}` (one), `"signal": {…}` (one), `"interactions": […]`, `"signals": […]` — so a
 * `POST /v1/batch` body is a valid line, and so is `{"interaction": {…}}`. Items are validated exactly as
 * the HTTP API validates them. An item without `metadata.source` is marked `"source": "jsonl"`.
 */
import { invalidLine, isRecord, type LineItems, type Located, lineItems, parseJsonLine } from './line-items.js';

export const JSONL_SOURCE = 'jsonl';

const FIELDS = ['interaction', 'signal', 'interactions', 'signals'] as const;
const SHAPE = 'expected an object with "interaction", "signal", "interactions" and/or "signals"';

/** Marks where an item came from, unless the item already says. Anything not an object is left to validation. */
function withSource(item: unknown): unknown {
  if (!isRecord(item)) return item;
  const { metadata } = item;
  if (metadata === undefined) return { ...item, metadata: { source: JSONL_SOURCE } };
  if (!isRecord(metadata) || metadata.source !== undefined) return item;
  return { ...item, metadata: { ...metadata, source: JSONL_SOURCE } };
}

function listAt(value: unknown, field: string): Located[] | string {
  if (!Array.isArray(value)) return `expected a list of ${field}`;
  return value.map((item, i) => ({ at: `${field}[${i}]`, item: withSource(item) }));
}

/** Parses one line of wire-shape JSONL. */
export function jsonlLine(text: string): LineItems {
  const parsed = parseJsonLine(text);
  if (!parsed.ok) return parsed.items;
  const value = parsed.value;
  if (!isRecord(value)) return invalidLine('line', SHAPE);
  const unknown = Object.keys(value).filter((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) return invalidLine(unknown[0] ?? 'line', `unknown field: ${SHAPE}`);
  if (Object.keys(value).length === 0) return invalidLine('line', SHAPE);

  const out = lineItems();
  if (value.interaction !== undefined)
    out.interactions.push({ at: 'interaction', item: withSource(value.interaction) });
  if (value.signal !== undefined) out.signals.push({ at: 'signal', item: withSource(value.signal) });
  for (const [field, target] of [
    ['interactions', out.interactions],
    ['signals', out.signals],
  ] as const) {
    if (value[field] === undefined) continue;
    const items = listAt(value[field], field);
    if (typeof items === 'string') return invalidLine(field, items);
    target.push(...items);
  }
  return out;
}
