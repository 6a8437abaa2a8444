/**
 * What the eval-set operations return. One implementation serves the HTTP API and the CLI, so these
 * shapes are the contract between them. Times are ISO 8601 strings, as everywhere in the API.
 */
import type { ChatMessage, ContextDocument, RedactionReport, TrainingMessage } from '@feedloop/core';

/** Which interactions candidates are drawn from; absent means "any". A theme filter belongs here later. */
export interface CandidateFilters {
  /** Interactions created at or after this time (epoch ms). */
  since?: number | undefined;
  /** Interactions created before this time (epoch ms). */
  until?: number | undefined;
  tenant?: string | undefined;
  model?: string | undefined;
  promptTemplate?: string | undefined;
  promptVersion?: string | undefined;
}

/** Why an interaction is a candidate, and how strongly. */
export interface CandidateEvidence {
  /** The ranking score; see `EVIDENCE_WEIGHTS`. */
  strength: number;
  /** Users whose current thumb is down (not set aside by the abuse filter). */
  thumbsDown: number;
  /** Users whose current thumb is up: evidence against, lowers the strength. */
  thumbsUp: number;
  /** Users whose current rating is 1 or 2. */
  lowRatings: number;
  /** Users who edited the output (each one's latest edit counts). */
  edits: number;
  /** Times the output was regenerated (regenerate signals, or later attempts naming it as parent). */
  regenerations: number;
  /** Comments left on the interaction (shown, not scored: they explain, they do not judge). */
  comments: string[];
  /** Every signal cited: the counting votes and ratings, each editor's latest edit, regenerations, comments. */
  signalIds: string[];
  /** Later attempts that replaced this output (their `parentId` is this interaction). */
  regeneratedBy: string[];
}

export interface EvalCandidate {
  interactionId: string;
  createdAt: string;
  tenant: string | null;
  feature: string | null;
  model: string | null;
  modelVersion: string | null;
  promptTemplate: string | null;
  promptVersion: string | null;
  input: string | ChatMessage[] | null;
  context: ContextDocument[];
  output: string | null;
  evidence: CandidateEvidence;
  /** The latest edit's text: what the user wanted instead. Null when nobody edited the output. */
  suggestedExpectedOutput: string | null;
}

export interface EvalCandidatePage {
  candidates: EvalCandidate[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** One decision in a set's draft. */
export interface EvalCase {
  interactionId: string;
  status: 'accepted' | 'rejected';
  expectedOutput: string | null;
  tags: string[];
  signalIds: string[];
  reason: string;
  decidedAt: string;
  updatedAt: string;
}

export interface EvalVersionSummary {
  version: number;
  cases: number;
  publishedAt: string;
  /** Replacements per PII type made when the version was published. */
  redaction: RedactionReport;
}

export interface EvalSetSummary {
  name: string;
  createdAt: string;
  updatedAt: string;
  draft: { accepted: number; rejected: number };
  latestVersion: number | null;
  /** The draft changed after the latest version was published (or nothing is published yet). */
  unpublishedChanges: boolean;
  versions: EvalVersionSummary[];
}

export interface EvalSetDetail extends EvalSetSummary {
  cases: EvalCase[];
}

/** Where a published case came from. */
export interface EvalCaseProvenance {
  set: string;
  version: number;
  interactionId: string;
  signalIds: string[];
  tenant: string | null;
  feature: string | null;
  model: string | null;
  modelVersion: string | null;
  promptTemplate: string | null;
  promptVersion: string | null;
  interactionCreatedAt: string;
  acceptedAt: string;
  publishedAt: string;
}

/** A case of a published version: redacted content, as it was when published. */
export interface PublishedCase {
  /** `<set>/v<version>/<position>`, stable for the life of the version. */
  id: string;
  position: number;
  input: TrainingMessage[];
  context: ContextDocument[];
  expectedOutput: string;
  /** What the interaction answered at the time. */
  originalOutput: string | null;
  tags: string[];
  provenance: EvalCaseProvenance;
}

/** A published version with its cases. */
export interface EvalVersionDetail {
  set: string;
  version: number;
  publishedAt: string;
  redaction: RedactionReport;
  cases: PublishedCase[];
}

export interface PublishSkip {
  interactionId: string;
  reason: 'missing-interaction' | 'no-prompt' | 'non-text-content' | 'invalid-prompt';
}

export interface PublishResult {
  set: string;
  version: number;
  cases: number;
  publishedAt: string;
  redaction: RedactionReport;
  /** Accepted cases left out, and why (the interaction was deleted, or its input is unusable). */
  skipped: PublishSkip[];
}
