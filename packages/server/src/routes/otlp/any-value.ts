/**
 * OTLP/JSON attribute values (`AnyValue`, `KeyValue`) decoded into plain JSON. The encoding is the protobuf
 * JSON mapping: one of `stringValue`, `boolValue`, `intValue` (a number or, for 64-bit safety, a decimal
 * string), `doubleValue`, `arrayValue.values`, `kvlistValue.values`, `bytesValue` (base64).
 */

/** A decoded attribute value; key-value lists become plain objects. */
export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };

/** Attributes by key. A Map, so a key like `__proto__` is only ever a key. */
export type Attributes = ReadonlyMap<string, AttrValue>;

/** One thing wrong with the request, named by its path in the body. */
export interface DecodeIssue {
  field: string;
  reason: string;
}

/** Nesting is bounded so a hostile body cannot exhaust the stack; real attributes nest a few levels. */
export const MAX_VALUE_DEPTH = 16;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const INTEGER = /^-?\d{1,20}$/;
const SPECIAL_DOUBLES = new Set(['NaN', 'Infinity', '-Infinity']);

function decodeInt(raw: unknown, field: string, issues: DecodeIssue[]): AttrValue {
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  if (typeof raw === 'string' && INTEGER.test(raw)) {
    const n = Number(raw);
    // Beyond 2^53 a number would silently change the value; keep the exact digits instead.
    return Number.isSafeInteger(n) ? n : raw;
  }
  issues.push({ field, reason: 'expected an integer, as a number or a decimal string' });
  return null;
}

function decodeDouble(raw: unknown, field: string, issues: DecodeIssue[]): AttrValue {
  if (typeof raw === 'number') return raw;
  // JSON cannot hold NaN or infinities; they carry no usable reading, so they are kept as null.
  if (typeof raw === 'string' && SPECIAL_DOUBLES.has(raw)) return null;
  if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  issues.push({ field, reason: 'expected a number' });
  return null;
}

function listOf(raw: unknown, field: string, issues: DecodeIssue[]): unknown[] {
  if (!isRecord(raw)) {
    issues.push({ field, reason: 'expected an object like { "values": [...] }' });
    return [];
  }
  const values = raw.values;
  if (values === undefined || values === null) return [];
  if (!Array.isArray(values)) {
    issues.push({ field: `${field}.values`, reason: 'expected an array' });
    return [];
  }
  return values;
}

/** Decodes one `AnyValue`; problems are added to `issues` and the value reads as null. */
export function decodeAnyValue(raw: unknown, field: string, issues: DecodeIssue[], depth = 0): AttrValue {
  if (raw === undefined || raw === null) return null;
  if (!isRecord(raw)) {
    issues.push({ field, reason: 'expected an AnyValue object like { "stringValue": "..." }' });
    return null;
  }
  if (depth > MAX_VALUE_DEPTH) {
    issues.push({ field, reason: `nested deeper than ${MAX_VALUE_DEPTH} levels` });
    return null;
  }
  if ('stringValue' in raw) {
    if (typeof raw.stringValue === 'string') return raw.stringValue;
    issues.push({ field: `${field}.stringValue`, reason: 'expected a string' });
    return null;
  }
  if ('boolValue' in raw) {
    if (typeof raw.boolValue === 'boolean') return raw.boolValue;
    issues.push({ field: `${field}.boolValue`, reason: 'expected true or false' });
    return null;
  }
  if ('intValue' in raw) return decodeInt(raw.intValue, `${field}.intValue`, issues);
  if ('doubleValue' in raw) return decodeDouble(raw.doubleValue, `${field}.doubleValue`, issues);
  if ('bytesValue' in raw) {
    if (typeof raw.bytesValue === 'string') return raw.bytesValue;
    issues.push({ field: `${field}.bytesValue`, reason: 'expected a base64 string' });
    return null;
  }
  if ('arrayValue' in raw) {
    const path = `${field}.arrayValue`;
    return listOf(raw.arrayValue, path, issues).map((item, i) =>
      decodeAnyValue(item, `${path}.values[${i}]`, issues, depth + 1),
    );
  }
  if ('kvlistValue' in raw) {
    const path = `${field}.kvlistValue`;
    const entries = decodeKeyValueList(listOf(raw.kvlistValue, path, issues), `${path}.values`, issues, depth + 1);
    return Object.fromEntries(entries);
  }
  // An AnyValue with no value set is valid protobuf: an empty value.
  return null;
}

function decodeKeyValueList(
  list: unknown[],
  field: string,
  issues: DecodeIssue[],
  depth: number,
): Map<string, AttrValue> {
  const out = new Map<string, AttrValue>();
  list.forEach((item, i) => {
    const path = `${field}[${i}]`;
    if (!isRecord(item) || typeof item.key !== 'string') {
      issues.push({ field: path, reason: 'expected a KeyValue like { "key": "...", "value": { ... } }' });
      return;
    }
    out.set(item.key, decodeAnyValue(item.value, `${path}.value`, issues, depth));
  });
  return out;
}

/** Decodes an `attributes` list (absent means none). */
export function decodeAttributes(raw: unknown, field: string, issues: DecodeIssue[]): Map<string, AttrValue> {
  if (raw === undefined || raw === null) return new Map();
  if (!Array.isArray(raw)) {
    issues.push({ field, reason: 'expected an array of KeyValue' });
    return new Map();
  }
  return decodeKeyValueList(raw, field, issues, 0);
}
