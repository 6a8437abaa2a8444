/**
 * Eval sets grown from failures (migration `005-eval-sets`). A set has a draft — the curator's decisions
 * per interaction — and numbered versions. A version is a snapshot: its cases' content is copied in
 * (already PII-redacted) when it is published and never changes afterwards, whatever happens to the
 * draft or to the interactions it came from.
 */
type Millis = number;

export interface EvalSetTable {
  project_id: string;
  name: string;
  created_at: Millis;
  /** When the draft last changed (a case accepted, rejected or edited). */
  updated_at: Millis;
  /** The highest published version; 0 before the first. */
  latest_version: number;
}

/** One curator decision in a set's draft: an interaction accepted as a case, or rejected. */
export interface EvalCaseTable {
  project_id: string;
  set_name: string;
  interaction_id: string;
  status: 'accepted' | 'rejected';
  /** The answer the case expects; set when accepted. */
  expected_output: string | null;
  /** JSON array of strings. */
  tags: string;
  /** JSON array: the signals that made the interaction a candidate, when it was decided. */
  signal_ids: string;
  /** Why it was rejected ('' when none was given). */
  reason: string;
  /** The interaction's user, so forgetting a user can find draft cases about them. */
  user_id: string | null;
  decided_at: Millis;
  updated_at: Millis;
}

export interface EvalVersionTable {
  project_id: string;
  set_name: string;
  version: number;
  published_at: Millis;
  case_count: number;
  /** SHA-256 of the cases' content, so an unchanged draft is not published twice. */
  content_sha256: string;
  /** JSON: the redaction report (replacements per PII type) of the whole version. */
  redaction: string;
}

/** A published case: redacted content and provenance, copied at publication. */
export interface EvalVersionCaseTable {
  project_id: string;
  set_name: string;
  version: number;
  position: number;
  interaction_id: string;
  /** JSON: the prompt as chat messages (`role`, `content`). */
  input: string;
  /** JSON: the retrieved documents (`id`, `text`, `source`, `score`). */
  context: string;
  /** The output the interaction gave. */
  output: string | null;
  expected_output: string;
  /** JSON array of strings. */
  tags: string;
  /** JSON array of signal ids. */
  signal_ids: string;
  tenant: string | null;
  feature: string | null;
  model: string | null;
  model_version: string | null;
  prompt_template: string | null;
  prompt_version: string | null;
  interaction_created_at: Millis;
  accepted_at: Millis;
}
