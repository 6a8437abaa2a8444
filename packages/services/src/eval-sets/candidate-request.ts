/**
 * Reads a candidate request from plain string parameters — an HTTP query string or CLI options — so both
 * accept exactly the same things and name a bad one the way its caller spells it.
 */
import { FeedloopError } from '@feedloop/core';
import { type AnalysisParameters, ParameterReader } from '../analysis/analysis-request.js';
import { SET_NAME_PATTERN } from './eval-set-fields.js';
import type { CandidateFilters } from './eval-set-types.js';

export const DEFAULT_CANDIDATE_LIMIT = 20;
export const MAX_CANDIDATE_LIMIT = 100;

/** Where the previous page stopped, in ranking order: strength, then newest first, then id. */
export interface CandidateCursor {
  strength: number;
  createdAt: number;
  id: string;
}

export interface CandidateRequest {
  projectId: string;
  filters: CandidateFilters;
  /** Leave out interactions this set already accepted or rejected. */
  set?: string | undefined;
  limit: number;
  cursor?: CandidateCursor | undefined;
}

/** The parameter names, as HTTP spells them; the CLI uses their kebab-case (`--template-version`). */
export const CANDIDATE_PARAMETERS = [
  'since',
  'until',
  'tenant',
  'model',
  'template',
  'templateVersion',
  'set',
  'limit',
  'cursor',
] as const;

export function encodeCursor(cursor: CandidateCursor): string {
  return Buffer.from(JSON.stringify([cursor.strength, cursor.createdAt, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): CandidateCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return undefined;
    const [strength, createdAt, id] = value as unknown[];
    if (!Number.isSafeInteger(strength) || !Number.isSafeInteger(createdAt) || typeof id !== 'string') return undefined;
    return { strength: strength as number, createdAt: createdAt as number, id };
  } catch {
    return undefined;
  }
}

/**
 * The request, or one FL_VALIDATION naming every bad parameter.
 *
 * @example
 * readCandidateRequest({ template: 'support', limit: '10' }, 'proj_1', 'query.');
 * // { projectId: 'proj_1', filters: { promptTemplate: 'support', … }, limit: 10 }
 */
export function readCandidateRequest(
  params: AnalysisParameters,
  projectId: string,
  fieldPrefix: 'query.' | '--',
): CandidateRequest {
  const reader = new ParameterReader(params, fieldPrefix);
  const since = reader.time('since');
  const until = reader.time('until');
  if (since !== undefined && until !== undefined && since >= until)
    reader.fail('until', 'expected a time after `since`');
  const text = (name: string) => {
    const value = reader.string(name);
    if (value !== undefined && (value.length === 0 || value.length > 200 || value.includes('\u0000'))) {
      reader.fail(name, 'expected 1–200 characters, none of them NUL');
    }
    return value;
  };
  const set = reader.string('set');
  if (set !== undefined && !SET_NAME_PATTERN.test(set)) {
    reader.fail('set', 'expected a set name of 1–64 letters, digits or _ . - starting with a letter or digit');
  }
  const limit = reader.positiveInteger('limit') ?? DEFAULT_CANDIDATE_LIMIT;
  if (limit > MAX_CANDIDATE_LIMIT) reader.fail('limit', `expected at most ${MAX_CANDIDATE_LIMIT}`);
  const rawCursor = reader.string('cursor');
  const cursor = rawCursor === undefined ? undefined : decodeCursor(rawCursor);
  if (rawCursor !== undefined && cursor === undefined) {
    reader.fail('cursor', 'expected the nextCursor of a previous page');
  }
  const filters: CandidateFilters = {
    since,
    until,
    tenant: text('tenant'),
    model: text('model'),
    promptTemplate: text('template'),
    promptVersion: text('templateVersion'),
  };
  if (reader.errors.length > 0) {
    throw new FeedloopError('FL_VALIDATION', 'The candidate request is malformed.', { details: reader.errors });
  }
  return { projectId, filters, set, limit, cursor };
}
