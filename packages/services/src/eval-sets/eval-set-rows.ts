/** Between eval-set table rows (snake_case, JSON text, epoch ms) and what the API shows. */
import type { ContextDocument, RedactionReport, TrainingMessage } from '@feedloop/core';
import type { Database } from '@feedloop/store';
import type { EvalCase, EvalVersionSummary, PublishedCase } from './eval-set-types.js';

type CaseRow = Database['eval_cases'];
type VersionRow = Database['eval_versions'];
type VersionCaseRow = Database['eval_version_cases'];

export const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

export function caseView(row: CaseRow): EvalCase {
  return {
    interactionId: row.interaction_id,
    status: row.status,
    expectedOutput: row.expected_output,
    tags: JSON.parse(row.tags) as string[],
    signalIds: JSON.parse(row.signal_ids) as string[],
    reason: row.reason,
    decidedAt: iso(row.decided_at),
    updatedAt: iso(row.updated_at),
  };
}

export function versionSummary(row: VersionRow): EvalVersionSummary {
  return {
    version: Number(row.version),
    cases: Number(row.case_count),
    publishedAt: iso(row.published_at),
    redaction: JSON.parse(row.redaction) as RedactionReport,
  };
}

export function publishedCase(row: VersionCaseRow, publishedAt: number): PublishedCase {
  const version = Number(row.version);
  return {
    id: `${row.set_name}/v${version}/${row.position}`,
    position: Number(row.position),
    input: JSON.parse(row.input) as TrainingMessage[],
    context: JSON.parse(row.context) as ContextDocument[],
    expectedOutput: row.expected_output,
    originalOutput: row.output,
    tags: JSON.parse(row.tags) as string[],
    provenance: {
      set: row.set_name,
      version,
      interactionId: row.interaction_id,
      signalIds: JSON.parse(row.signal_ids) as string[],
      tenant: row.tenant,
      feature: row.feature,
      model: row.model,
      modelVersion: row.model_version,
      promptTemplate: row.prompt_template,
      promptVersion: row.prompt_version,
      interactionCreatedAt: iso(row.interaction_created_at),
      acceptedAt: iso(row.accepted_at),
      publishedAt: iso(publishedAt),
    },
  };
}
