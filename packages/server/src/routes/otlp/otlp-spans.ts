/**
 * Reads an OTLP/JSON `ExportTraceServiceRequest` into flat spans, each with its resource's attributes.
 * Anything that breaks the OTLP/JSON encoding is reported by its path in the body; fields Feedloop does not
 * use (links, kind, flags, dropped counts) are not checked, as OTLP receivers must ignore what they do not know.
 */
import { type Attributes, type DecodeIssue, decodeAttributes } from './any-value.js';

export interface OtlpEvent {
  name: string;
  /** Epoch milliseconds, or null when not set. */
  timeMs: number | null;
  attributes: Attributes;
}

export interface OtlpSpan {
  /** Where the span sits in the request, for messages. */
  path: string;
  /** Lower-case hex, as OTLP/JSON encodes ids. */
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  startMs: number | null;
  endMs: number | null;
  attributes: Attributes;
  resource: Attributes;
  events: OtlpEvent[];
  /** True when the span's status is ERROR. */
  failed: boolean;
}

export type DecodedTraces = { ok: true; spans: OtlpSpan[] } | { ok: false; issues: DecodeIssue[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const TRACE_ID = /^[0-9a-f]{32}$/i;
const SPAN_ID = /^[0-9a-f]{16}$/i;
const NANOS = /^\d{1,20}$/;

/** The items of an optional array field; a present non-array is an issue. */
function arrayField(record: Record<string, unknown>, key: string, path: string, issues: DecodeIssue[]): unknown[] {
  const value = record[key];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  issues.push({ field: `${path}${key}`, reason: 'expected an array' });
  return [];
}

/** The last instant a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;

/** Nanoseconds since the epoch (a decimal string, or a number) to milliseconds; 0 or absent is unknown. */
function timeMs(raw: unknown, field: string, issues: DecodeIssue[]): number | null {
  if (raw === undefined || raw === null) return null;
  let ms: number | undefined;
  if (typeof raw === 'string' && NANOS.test(raw)) ms = Number(BigInt(raw) / 1_000_000n);
  else if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) ms = Math.floor(raw / 1e6);
  if (ms === undefined || ms > MAX_DATE_MS) {
    issues.push({ field, reason: 'expected nanoseconds since the epoch, as a decimal string' });
    return null;
  }
  return ms > 0 ? ms : null;
}

function hexId(raw: unknown, pattern: RegExp, length: number, field: string, issues: DecodeIssue[]): string {
  if (typeof raw === 'string' && pattern.test(raw) && !/^0+$/.test(raw)) return raw.toLowerCase();
  issues.push({
    field,
    reason: `expected a non-zero id of ${length} hex characters (OTLP/JSON encodes ids as hex, not base64)`,
  });
  return '0'.repeat(length);
}

function optionalString(record: Record<string, unknown>, key: string, path: string, issues: DecodeIssue[]): string {
  const value = record[key];
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  issues.push({ field: `${path}.${key}`, reason: 'expected a string' });
  return '';
}

function decodeEvent(raw: unknown, path: string, issues: DecodeIssue[]): OtlpEvent {
  if (!isRecord(raw)) {
    issues.push({ field: path, reason: 'expected an event object' });
    return { name: '', timeMs: null, attributes: new Map() };
  }
  return {
    name: optionalString(raw, 'name', path, issues),
    timeMs: timeMs(raw.timeUnixNano, `${path}.timeUnixNano`, issues),
    attributes: decodeAttributes(raw.attributes, `${path}.attributes`, issues),
  };
}

/** Status code 2 is ERROR; the JSON mapping may also spell the enum by name. */
function statusFailed(raw: unknown): boolean {
  if (!isRecord(raw)) return false;
  return raw.code === 2 || raw.code === 'STATUS_CODE_ERROR';
}

function decodeSpan(raw: unknown, path: string, resource: Attributes, issues: DecodeIssue[]): OtlpSpan | undefined {
  if (!isRecord(raw)) {
    issues.push({ field: path, reason: 'expected a span object' });
    return undefined;
  }
  const parent = raw.parentSpanId;
  const hasParent = parent !== undefined && parent !== null && parent !== '';
  return {
    path,
    traceId: hexId(raw.traceId, TRACE_ID, 32, `${path}.traceId`, issues),
    spanId: hexId(raw.spanId, SPAN_ID, 16, `${path}.spanId`, issues),
    parentSpanId: hasParent ? hexId(parent, SPAN_ID, 16, `${path}.parentSpanId`, issues) : null,
    name: optionalString(raw, 'name', path, issues),
    startMs: timeMs(raw.startTimeUnixNano, `${path}.startTimeUnixNano`, issues),
    endMs: timeMs(raw.endTimeUnixNano, `${path}.endTimeUnixNano`, issues),
    attributes: decodeAttributes(raw.attributes, `${path}.attributes`, issues),
    resource,
    events: arrayField(raw, 'events', `${path}.`, issues).map((event, i) =>
      decodeEvent(event, `${path}.events[${i}]`, issues),
    ),
    failed: statusFailed(raw.status),
  };
}

/** Decodes the whole request; any issue makes it malformed (the exporter must not retry it). */
export function decodeTraces(body: unknown): DecodedTraces {
  const issues: DecodeIssue[] = [];
  if (!isRecord(body)) {
    return { ok: false, issues: [{ field: 'body', reason: 'expected an object like { "resourceSpans": [...] }' }] };
  }
  const spans: OtlpSpan[] = [];
  arrayField(body, 'resourceSpans', '', issues).forEach((rs, i) => {
    const rsPath = `resourceSpans[${i}]`;
    if (!isRecord(rs)) {
      issues.push({ field: rsPath, reason: 'expected an object' });
      return;
    }
    let resource: Attributes = new Map();
    if (rs.resource !== undefined && rs.resource !== null) {
      if (isRecord(rs.resource)) {
        resource = decodeAttributes(rs.resource.attributes, `${rsPath}.resource.attributes`, issues);
      } else issues.push({ field: `${rsPath}.resource`, reason: 'expected an object' });
    }
    arrayField(rs, 'scopeSpans', `${rsPath}.`, issues).forEach((ss, j) => {
      const ssPath = `${rsPath}.scopeSpans[${j}]`;
      if (!isRecord(ss)) {
        issues.push({ field: ssPath, reason: 'expected an object' });
        return;
      }
      arrayField(ss, 'spans', `${ssPath}.`, issues).forEach((span, k) => {
        const decoded = decodeSpan(span, `${ssPath}.spans[${k}]`, resource, issues);
        if (decoded) spans.push(decoded);
      });
    });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, spans };
}
