import { fail, type LineCheck, PASS } from './line-check.js';

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const join = (parent: string, key: string) => (parent === '' ? key : `${parent}.${key}`);

/**
 * Checks an object's keys: every `required` key present, and, when `optional` is a list, no key outside
 * `required` + `optional` (targets that reject unknown fields). `optional: 'open'` allows extra keys
 * (TRL ignores columns it does not use).
 */
export function checkKeys(
  value: unknown,
  field: string,
  required: readonly string[],
  optional: readonly string[] | 'open',
): LineCheck {
  if (!isRecord(value)) return fail('not-an-object', field === '' ? '$' : field);
  for (const key of required) if (!Object.hasOwn(value, key)) return fail('missing-field', join(field, key));
  if (optional !== 'open') {
    for (const key of Object.keys(value)) {
      if (!required.includes(key) && !optional.includes(key)) return fail('unknown-field', join(field, key));
    }
  }
  return PASS;
}

/** A string with something in it besides whitespace. */
export function checkText(value: unknown, field: string): LineCheck {
  if (typeof value !== 'string') return fail('wrong-type', field);
  return value.trim().length > 0 ? PASS : fail('empty-content', field);
}

export function checkBoolean(value: unknown, field: string): LineCheck {
  return typeof value === 'boolean' ? PASS : fail('wrong-type', field);
}

/** The first failing check, or a pass. Checks run lazily, in order. */
export function firstFailure(...checks: ReadonlyArray<() => LineCheck>): LineCheck {
  for (const check of checks) {
    const result = check();
    if (!result.ok) return result;
  }
  return PASS;
}
