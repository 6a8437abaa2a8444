/**
 * A set's draft — its accepted cases (editable) and rejections — with the button that publishes it as
 * the next version. The server decides whether there is anything to publish; its refusal is shown as is.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { usePublishSet } from '../../api/eval-queries';
import type { EvalSetDetail } from '../../api/types';
import { ErrorBox, Loading } from '../../components/query-state';
import { Stat } from '../../components/stat';
import { formatDateTime } from '../../lib/format';
import { DraftCase } from './draft-case';
import { plural, redactedCount } from './eval-text';

/** True when the set does not exist yet (it is created by its first decision). */
export const isNewSet = (error: unknown): boolean => error instanceof ApiError && error.status === 404;

function PublishBar({ name, detail }: { name: string; detail: EvalSetDetail | undefined }) {
  const publish = usePublishSet();
  const next = (detail?.latestVersion ?? 0) + 1;
  const result = publish.data;
  return (
    <div className="publish">
      <div className="row" style={{ alignItems: 'center' }}>
        <button type="button" className="primary" disabled={publish.isPending} onClick={() => publish.mutate(name)}>
          {publish.isPending ? 'Publishing…' : `Publish v${next}`}
        </button>
        <span className="muted">
          An immutable, PII-redacted copy of the accepted cases.
          {detail && !detail.unpublishedChanges && detail.latestVersion !== null
            ? ` Nothing changed since v${detail.latestVersion}.`
            : ''}
        </span>
      </div>
      {publish.error ? <ErrorBox error={publish.error} title="Not published" /> : null}
      {result && !publish.error && (
        <p className="notice" role="status">
          <strong>
            Published v{result.version} of “{result.set}”
          </strong>
          : {plural(result.cases, 'case')}, {plural(redactedCount(result.redaction), 'PII value')} redacted,{' '}
          {formatDateTime(result.publishedAt)}.
          {result.skipped.length > 0 &&
            ` Left out: ${result.skipped.map((s) => `${s.interactionId} (${s.reason})`).join(', ')}.`}
        </p>
      )}
    </div>
  );
}

export function SetDraft({ name, detail }: { name: string; detail: UseQueryResult<EvalSetDetail> }) {
  const data = detail.data;
  const accepted = data?.cases.filter((c) => c.status === 'accepted') ?? [];
  const rejected = data?.cases.filter((c) => c.status === 'rejected') ?? [];
  return (
    <section className="card" aria-labelledby="draft-heading">
      <h2 id="draft-heading">Draft of “{name}”</h2>
      {detail.isPending ? (
        <Loading what="the draft" />
      ) : isNewSet(detail.error) ? (
        <p className="muted">No set “{name}” yet: accepting or rejecting a candidate into it starts it.</p>
      ) : detail.error ? (
        <ErrorBox error={detail.error} title="Could not load the draft" />
      ) : (
        data && (
          <div className="stats">
            <Stat label="Accepted" value={data.draft.accepted} />
            <Stat label="Rejected" value={data.draft.rejected} />
            <Stat
              label="Latest version"
              value={data.latestVersion === null ? 'none' : `v${data.latestVersion}`}
              detail={data.unpublishedChanges ? 'the draft has unpublished changes' : 'the draft is published as is'}
            />
          </div>
        )
      )}
      <PublishBar name={name} detail={data} />
      {accepted.length > 0 && (
        <ol className="case-list" aria-label="Accepted cases">
          {accepted.map((c) => (
            <li key={`${c.interactionId}:${c.updatedAt}`}>
              <DraftCase set={name} item={c} />
            </li>
          ))}
        </ol>
      )}
      {rejected.length > 0 && (
        <details>
          <summary>{plural(rejected.length, 'rejected interaction')}</summary>
          <ul>
            {rejected.map((c) => (
              <li key={c.interactionId}>
                {c.interactionId}
                {c.reason && <span className="muted"> — {c.reason}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
