/**
 * What one line of an import file turns into: wire items still to be validated, the parts deliberately
 * left out (with why), and the problems that make (part of) the line unusable. Each format's parser is a
 * pure function from one line to this, so it can be tested without a file or a store.
 */
import type { ItemError } from '@feedloop/core';

/** A wire item and where it came from, e.g. `interactions[2]`: validation errors are named from it. */
export interface Located {
  at: string;
  item: unknown;
}

export interface LineItems {
  interactions: Located[];
  signals: Located[];
  /** One reason per part of the line left out on purpose (a skipped message, a pair not made). */
  skipped: string[];
  /** What is wrong with the line, each naming its field; a line with problems is an invalid line. */
  problems: ItemError[];
}

/** Turns the text of one line (1-based number `line`) into items. */
export type LineParser = (text: string, line: number) => LineItems;

export function lineItems(parts: Partial<LineItems> = {}): LineItems {
  return { interactions: [], signals: [], skipped: [], problems: [], ...parts };
}

export function invalidLine(field: string, reason: string): LineItems {
  return lineItems({ problems: [{ field, reason }] });
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses a line as JSON, or says why it is not. */
export function parseJsonLine(text: string): { ok: true; value: unknown } | { ok: false; items: LineItems } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, items: invalidLine('line', `not valid JSON: ${(error as Error).message}`) };
  }
}
