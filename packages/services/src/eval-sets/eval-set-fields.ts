/**
 * The checks every way into eval sets shares (HTTP and CLI), each naming the field as that caller
 * spells it, so a bad set name is `params.name` over HTTP and `<set>` on the command line.
 */
import { FeedloopError, type ItemError } from '@feedloop/core';

/** How each input is named in error messages. */
export interface EvalFieldNames {
  set: string;
  interactionId: string;
  expectedOutput: string;
  tags: string;
  addTags: string;
  removeTags: string;
  reason: string;
  version: string;
  /** Where an edit that changes nothing is reported. */
  change: string;
}

export const HTTP_EVAL_FIELDS: EvalFieldNames = {
  set: 'params.name',
  interactionId: 'interactionId',
  expectedOutput: 'expectedOutput',
  tags: 'tags',
  addTags: 'addTags',
  removeTags: 'removeTags',
  reason: 'reason',
  version: 'params.version',
  change: 'body',
};

export const CLI_EVAL_FIELDS: EvalFieldNames = {
  set: '<set>',
  interactionId: '<interaction-id>',
  expectedOutput: '--expected',
  tags: '--tag',
  addTags: '--tag',
  removeTags: '--untag',
  reason: '--reason',
  version: '[version]',
  change: '--expected/--tag/--untag',
};

/** Set names appear in URLs and file names: letters, digits, `_ . -`, starting with a letter or digit. */
export const SET_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}$/;
export const MAX_TAGS = 32;
export const MAX_EXPECTED_OUTPUT_CHARS = 1_000_000;
export const MAX_REASON_CHARS = 2_000;

/** Collects problems so one answer names every bad field. */
export class FieldChecks {
  readonly errors: ItemError[] = [];

  fail(field: string, reason: string): void {
    this.errors.push({ field, reason });
  }

  setName(value: string, field: string): string {
    if (!SET_NAME_PATTERN.test(value)) {
      this.fail(field, 'expected a set name of 1–64 letters, digits or _ . - starting with a letter or digit');
    }
    return value;
  }

  expectedOutput(value: string, field: string): string {
    if (value.trim() === '') this.fail(field, 'expected a non-empty answer');
    else if (value.includes('\u0000')) this.fail(field, 'expected text without NUL (U+0000) characters');
    else if (value.length > MAX_EXPECTED_OUTPUT_CHARS) {
      this.fail(field, `expected at most ${MAX_EXPECTED_OUTPUT_CHARS} characters`);
    }
    return value;
  }

  /** Tags in the order given, each once. */
  tags(values: readonly string[], field: string): string[] {
    const out: string[] = [];
    values.forEach((tag, i) => {
      if (!TAG_PATTERN.test(tag)) {
        this.fail(
          `${field}[${i}]`,
          'expected a tag of 1–64 letters, digits or _ . : / - starting with a letter or digit',
        );
      } else if (!out.includes(tag)) out.push(tag);
    });
    if (out.length > MAX_TAGS) this.fail(field, `expected at most ${MAX_TAGS} tags`);
    return out;
  }

  reason(value: string, field: string): string {
    if (value.length > MAX_REASON_CHARS) this.fail(field, `expected at most ${MAX_REASON_CHARS} characters`);
    else if (value.includes('\u0000')) this.fail(field, 'expected text without NUL (U+0000) characters');
    return value;
  }

  /** Throws one FL_VALIDATION naming every problem found so far. */
  check(message: string): void {
    if (this.errors.length > 0) throw new FeedloopError('FL_VALIDATION', message, { details: this.errors });
  }
}

/**
 * A version as users write it: `3`, `v3` or `latest`.
 *
 * @example
 * parseVersion('v2', 'params.version'); // 2
 */
export function parseVersion(value: string, field: string): number | 'latest' {
  if (value === 'latest') return 'latest';
  const match = /^v?([1-9][0-9]{0,8})$/.exec(value);
  if (!match?.[1]) {
    throw new FeedloopError('FL_VALIDATION', 'The version is malformed.', {
      details: [{ field, reason: 'expected a version number (1, v1) or latest' }],
    });
  }
  return Number(match[1]);
}
