import { FeedloopError } from '@feedloop/core';
import type { Database } from '@feedloop/store';
import type { Kysely } from 'kysely';
import {
  EVAL_EXPORT_FORMATS,
  type EvalExportFile,
  type EvalExportFormat,
  formatEvalVersion,
  isEvalExportFormat,
} from './eval-export-formats.js';
import { type EvalFieldNames, FieldChecks, HTTP_EVAL_FIELDS, parseVersion } from './eval-set-fields.js';
import { getEvalVersion } from './eval-set-reads.js';

export interface EvalExportRequest {
  projectId: string;
  set: string;
  /** `3`, `v3` or `latest`. */
  version: string;
  format: string;
}

/**
 * A published version as a file: the same bytes every time, since the version's content never changes.
 *
 * @example
 * const file = await exportEvalVersion(store.db, { projectId, set: 'citations', version: '1', format: 'promptfoo' });
 * writeFileSync(file.fileName, file.text);
 */
export async function exportEvalVersion(
  db: Kysely<Database>,
  request: EvalExportRequest,
  fields: EvalFieldNames & { format: string } = { ...HTTP_EVAL_FIELDS, format: 'query.format' },
): Promise<EvalExportFile & { version: number }> {
  const checks = new FieldChecks();
  checks.setName(request.set, fields.set);
  if (!isEvalExportFormat(request.format)) {
    checks.fail(fields.format, `expected one of ${EVAL_EXPORT_FORMATS.join(', ')}`);
  }
  let version: number | 'latest' = 'latest';
  try {
    version = parseVersion(request.version, fields.version);
  } catch (error) {
    if (!(error instanceof FeedloopError)) throw error;
    checks.errors.push(...(error.details ?? []));
  }
  checks.check('The export request is malformed.');
  const detail = await getEvalVersion(db, request.projectId, request.set, version, fields);
  return { ...formatEvalVersion(detail, request.format as EvalExportFormat), version: detail.version };
}
