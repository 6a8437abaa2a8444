/**
 * Validation and normalisation of one ingested item. Returns either a normalised record or every
 * problem found, each naming its field, so a client can fix a whole item at once.
 */
import type { ChatMessage, ContextDocument, InteractionRecord, SignalRecord } from '../wire/records.js';
import {
  ID_PATTERN,
  type Interaction,
  InteractionSchema,
  type ItemError,
  MAX_TEXT_LENGTH,
  type Signal,
  SignalSchema,
} from '../wire/schemas.js';
import { BUILTIN_SIGNAL_KIND, isBuiltinSignalType, isCustomSignalType, type SignalKind } from '../wire/signal-types.js';
import { compileStructuralCheck } from './structural.js';
import { parseTimestamp } from './timestamp.js';

export type Validated<T> = { ok: true; record: T } | { ok: false; errors: ItemError[] };

const checkInteraction = compileStructuralCheck(InteractionSchema);
const checkSignal = compileStructuralCheck(SignalSchema);

/** Client clocks drift; a timestamp further ahead than this is taken as the receive time. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

function resolveTime(raw: string | undefined, field: string, now: number, errors: ItemError[]): number {
  if (raw === undefined) return now;
  const ms = parseTimestamp(raw);
  if (ms === undefined) {
    errors.push({ field, reason: 'expected an ISO 8601 date-time with a time zone, e.g. 2026-11-20T10:00:00Z' });
    return now;
  }
  return ms > now + MAX_CLOCK_SKEW_MS ? now : ms;
}

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

/** Validates one interaction; `prefix` is its place in the request, e.g. `interactions[3]`. */
export function validateInteraction(input: unknown, prefix: string, now: number): Validated<InteractionRecord> {
  const errors = checkInteraction(input, prefix);
  if (errors.length > 0) return { ok: false, errors };
  const item = input as Interaction;
  const createdAt = resolveTime(item.createdAt, `${prefix}.createdAt`, now, errors);
  if (item.parentId != null && item.parentId === item.id) {
    errors.push({ field: `${prefix}.parentId`, reason: 'an interaction cannot regenerate itself' });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    record: {
      id: item.id,
      createdAt,
      sessionId: orNull(item.sessionId),
      userId: orNull(item.userId),
      tenant: orNull(item.tenant),
      feature: orNull(item.feature),
      language: orNull(item.language),
      model: orNull(item.model),
      modelVersion: orNull(item.modelVersion),
      promptTemplate: orNull(item.promptTemplate),
      promptVersion: orNull(item.promptVersion),
      input: (item.input as string | ChatMessage[] | undefined) ?? null,
      context: (item.context as ContextDocument[] | undefined) ?? [],
      output: orNull(item.output),
      parentId: orNull(item.parentId),
      latencyMs: orNull(item.latencyMs),
      tokensIn: orNull(item.tokensIn),
      tokensOut: orNull(item.tokensOut),
      metadata: item.metadata ?? {},
    },
  };
}

type ValueCheck = (value: unknown) => { valueNum: number | null } | { reason: string };

const ID_REGEX = new RegExp(ID_PATTERN);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const requiredText: ValueCheck = (value) =>
  typeof value === 'string' && value.trim().length > 0 ? { valueNum: null } : { reason: 'expected non-empty text' };

/** What each built-in type accepts as its value. */
const VALUE_CHECKS: Partial<Record<string, ValueCheck>> = {
  thumbs: (v) =>
    v === 1 || v === -1 || v === 0 ? { valueNum: v } : { reason: 'expected 1 (up), -1 (down) or 0 (taken back)' },
  rating: (v) =>
    Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5
      ? { valueNum: v as number }
      : { reason: 'expected a whole number from 1 to 5' },
  comment: requiredText,
  edit: (v) => (typeof v === 'string' ? { valueNum: null } : { reason: "expected the user's final text" }),
  dwell: (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0
      ? { valueNum: v }
      : { reason: 'expected milliseconds visible, a number >= 0' },
  // A side-by-side choice, sent about the preferred interaction: `over` names the one it beat.
  preference: (v) =>
    isPlainObject(v) && typeof v.over === 'string' && ID_REGEX.test(v.over)
      ? { valueNum: null }
      : { reason: 'expected { "over": "<id of the interaction it was preferred to>" }' },
  outcome: (v) => {
    if (isPlainObject(v) && typeof v.success === 'boolean') {
      if (v.name !== undefined && typeof v.name !== 'string') return { reason: 'expected `name` to be text' };
      return { valueNum: v.success ? 1 : 0 };
    }
    return { reason: 'expected an object like { "name": "ticket_resolved", "success": true }' };
  },
};

function resolveKind(item: Signal, prefix: string, errors: ItemError[]): SignalKind | undefined {
  if (isBuiltinSignalType(item.type)) {
    const kind = BUILTIN_SIGNAL_KIND[item.type];
    if (item.kind !== undefined && item.kind !== kind) {
      errors.push({
        field: `${prefix}.kind`,
        reason: `the kind of a "${item.type}" signal is ${kind}, not ${item.kind}`,
      });
    }
    return kind;
  }
  if (!isCustomSignalType(item.type)) {
    errors.push({
      field: `${prefix}.type`,
      reason: `unknown type "${item.type}": expected a built-in type (${Object.keys(BUILTIN_SIGNAL_KIND).join(', ')}) or a custom "namespace:name"`,
    });
    return undefined;
  }
  if (item.kind === undefined) {
    errors.push({
      field: `${prefix}.kind`,
      reason: 'is required for a custom type: explicit, implicit, correction or outcome',
    });
  }
  return item.kind;
}

/** Validates one signal; `prefix` is its place in the request, e.g. `signals[0]`. */
export function validateSignal(input: unknown, prefix: string, now: number): Validated<SignalRecord> {
  const errors = checkSignal(input, prefix);
  if (errors.length > 0) return { ok: false, errors };
  const item = input as Signal;
  if (item.interactionId == null && item.sessionId == null) {
    errors.push({
      field: `${prefix}.interactionId`,
      reason: 'a signal names an interactionId, or a sessionId when it is about a whole session',
    });
  }
  const kind = resolveKind(item, prefix, errors);
  // Own properties only: a type named like an Object.prototype member ("toString") has no check.
  const valueCheck = Object.hasOwn(VALUE_CHECKS, item.type) ? VALUE_CHECKS[item.type] : undefined;
  let valueNum: number | null = null;
  if (valueCheck) {
    const checked = valueCheck(item.value);
    if ('reason' in checked) errors.push({ field: `${prefix}.value`, reason: checked.reason });
    else valueNum = checked.valueNum;
  } else if (typeof item.value === 'number' && Number.isFinite(item.value)) {
    valueNum = item.value;
  }
  if (item.value !== undefined && JSON.stringify(item.value).length > MAX_TEXT_LENGTH) {
    errors.push({ field: `${prefix}.value`, reason: `expected at most ${MAX_TEXT_LENGTH} characters of JSON` });
  }
  const createdAt = resolveTime(item.createdAt, `${prefix}.createdAt`, now, errors);
  if (errors.length > 0 || kind === undefined) return { ok: false, errors };
  return {
    ok: true,
    record: {
      id: item.id,
      interactionId: orNull(item.interactionId),
      sessionId: orNull(item.sessionId),
      userId: orNull(item.userId),
      kind,
      type: item.type,
      value: item.value ?? null,
      valueNum,
      createdAt,
      metadata: item.metadata ?? {},
    },
  };
}
