/**
 * A Langfuse score's value read by its data type. Langfuse sends NUMERIC and BOOLEAN scores as numbers
 * (BOOLEAN as 1 / 0) and CATEGORICAL, TEXT and CORRECTION scores as strings; with no `dataType`, the type
 * follows the value, as Langfuse infers it.
 */
import type { ItemError } from '@feedloop/core';

export const SCORE_DATA_TYPES = ['NUMERIC', 'BOOLEAN', 'CATEGORICAL', 'TEXT', 'CORRECTION'] as const;
export type ScoreDataType = (typeof SCORE_DATA_TYPES)[number];

export type ScoreValue =
  | { dataType: 'NUMERIC' | 'BOOLEAN'; number: number }
  | { dataType: 'CATEGORICAL' | 'TEXT' | 'CORRECTION'; text: string };

const BOOLEAN_READINGS = new Map<unknown, number>([
  [true, 1],
  [false, 0],
  [1, 1],
  [0, 0],
  ['true', 1],
  ['false', 0],
  ['1', 1],
  ['0', 0],
]);

function dataTypeOf(declared: unknown, value: unknown): ScoreDataType | ItemError {
  if (declared === undefined || declared === null) {
    if (typeof value === 'boolean') return 'BOOLEAN';
    return typeof value === 'string' ? 'CATEGORICAL' : 'NUMERIC';
  }
  if (typeof declared === 'string' && (SCORE_DATA_TYPES as readonly string[]).includes(declared)) {
    return declared as ScoreDataType;
  }
  return { field: 'dataType', reason: `expected one of ${SCORE_DATA_TYPES.join(', ')}` };
}

export function readScoreValue(declared: unknown, value: unknown): ScoreValue | ItemError {
  const dataType = dataTypeOf(declared, value);
  if (typeof dataType === 'object') return dataType;
  switch (dataType) {
    case 'NUMERIC':
      return typeof value === 'number' && Number.isFinite(value)
        ? { dataType, number: value }
        : { field: 'value', reason: 'expected a number for a NUMERIC score' };
    case 'BOOLEAN': {
      const number = BOOLEAN_READINGS.get(typeof value === 'string' ? value.toLowerCase() : value);
      return number === undefined
        ? { field: 'value', reason: 'expected 1 or 0 (true or false) for a BOOLEAN score' }
        : { dataType, number };
    }
    default:
      return typeof value === 'string' && value.trim() !== ''
        ? { dataType, text: value }
        : { field: 'value', reason: `expected non-empty text for a ${dataType} score` };
  }
}
