/**
 * Typed reads of span attributes. Each reader takes several keys, the current semantic-convention name
 * first and older names after, because instrumentations in the wild still emit the older ones.
 */
import type { Attributes, AttrValue } from './any-value.js';

/** The first key that holds a non-empty string (numbers are read as their digits, e.g. numeric ids). */
export function readString(attributes: Attributes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = attributes.get(key);
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

/** The first key that holds a whole number >= 0 (token counts). */
export function readCount(attributes: Attributes, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value = attributes.get(key);
    const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
  }
  return undefined;
}

/** The first key that holds a finite number (scores). */
export function readNumber(attributes: Attributes, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value = attributes.get(key);
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return undefined;
}

/** Parsed JSON nests no deeper than this; the same bound keeps storing it safe. */
const MAX_JSON_DEPTH = 32;

function depthWithin(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (typeof top.value !== 'object' || top.value === null) continue;
    if (top.depth >= max) return false;
    for (const child of Object.values(top.value)) stack.push({ value: child, depth: top.depth + 1 });
  }
  return true;
}

/**
 * A structured attribute, which the conventions allow to be sent as a JSON string where the SDK cannot
 * send structure (e.g. `gen_ai.input.messages`). Undefined when absent or when the string is not JSON.
 */
export function readStructured(attributes: Attributes, ...keys: string[]): unknown {
  for (const key of keys) {
    const value = attributes.get(key);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return value;
    const parsed = parseJson(value);
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

/** JSON.parse that answers undefined for text that is not JSON or nests too deep. */
export function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return depthWithin(parsed, MAX_JSON_DEPTH) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A plain-object view of a value, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Keys of the form `<prefix>.<index>.<field>` (OpenLLMetry's flattened messages), grouped by index in order. */
export function readIndexed(attributes: Attributes, prefix: string): Array<Map<string, AttrValue>> {
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d{1,4})\\.(.+)$`);
  const byIndex = new Map<number, Map<string, AttrValue>>();
  for (const [key, value] of attributes) {
    const match = pattern.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    const fields = byIndex.get(index) ?? new Map<string, AttrValue>();
    fields.set(match[2]!, value);
    byIndex.set(index, fields);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, fields]) => fields);
}

/** A list of strings (e.g. `gen_ai.response.finish_reasons`); empty when absent. */
export function readStringList(attributes: Attributes, key: string): string[] {
  const value = attributes.get(key);
  if (typeof value === 'string') return value === '' ? [] : [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
