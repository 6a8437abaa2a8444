/**
 * Exports: build SFT, DPO or KTO training data with the page's filters, read its manifest (what is in
 * it, what was left out and why, what was redacted), then download exactly that file (same `asOf`).
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorMessage } from '../api/client';
import { downloadExport, type ManifestProgress, manifestQuery } from '../api/export-queries';
import { EXPORT_FORMATS, type ExportKind, type ExportManifest } from '../api/types';
import { FilterBar } from '../components/filter-bar';
import { PageHeader } from '../components/page-header';
import { QueryState } from '../components/query-state';
import { Stat } from '../components/stat';
import { useFilters, useSearchParam, useSetParams } from '../components/use-filters';
import { type Filters, timeRange } from '../lib/filters';
import { count, formatDateTime } from '../lib/format';

const KINDS: Array<{ kind: ExportKind; label: string; what: string }> = [
  { kind: 'sft', label: 'SFT', what: "Supervised fine-tuning: users' edits, else answers rated up." },
  {
    kind: 'dpo',
    label: 'DPO',
    what: 'Preference pairs: edit over original, accepted regeneration over the first try…',
  },
  { kind: 'kto', label: 'KTO', what: 'Single answers labelled good (rated up) or bad (rated down).' },
];

/** The export API's parameters for the page's filters (it filters by fewer dimensions than the analyses). */
function exportParams(filters: Filters, format: string, maxPerUser: string | null, dedupe: boolean) {
  const { from, to } = timeRange(filters, Date.now());
  const params: Record<string, string> = {
    format,
    since: new Date(from).toISOString(),
    until: new Date(to).toISOString(),
  };
  const d = filters.dimensions;
  if (d.tenant) params.tenant = d.tenant;
  if (d.model) params.model = d.model;
  if (d.promptTemplate) params.template = d.promptTemplate;
  if (d.promptVersion) params.templateVersion = d.promptVersion;
  if (maxPerUser) params.maxPerUser = maxPerUser;
  if (!dedupe) params.dedupe = 'false';
  return params;
}

/** The export pass behind a manifest, as it runs. */
function ManifestProgressBar({ progress }: { progress: ManifestProgress }) {
  const share = progress.total > 0 ? progress.scanned / progress.total : 0;
  return (
    <section className="card" aria-labelledby="manifest-progress-heading">
      <h2 id="manifest-progress-heading">Building the manifest…</h2>
      <progress value={progress.scanned} max={Math.max(1, progress.total)} aria-label="Interactions scanned" />
      <p className="muted" role="status">
        {count(progress.scanned)} of {count(progress.total)} interactions scanned ({Math.round(share * 100)}%),{' '}
        {count(progress.written)} examples so far.
      </p>
    </section>
  );
}

function Manifest({ manifest, onDownload }: { manifest: ExportManifest; onDownload: () => Promise<void> }) {
  const [state, setState] = useState<{ busy: boolean; message: string | null; failed: boolean }>({
    busy: false,
    message: null,
    failed: false,
  });
  const skipped = Object.entries(manifest.counts.skippedByReason).filter(([, n]) => (n ?? 0) > 0);
  const sources = Object.entries(manifest.counts.bySource);
  const redactions = Object.entries(manifest.redaction.replacements).filter(([, n]) => (n ?? 0) > 0);
  const download = async () => {
    setState({ busy: true, message: null, failed: false });
    try {
      await onDownload();
      setState({ busy: false, message: 'Download started.', failed: false });
    } catch (error) {
      setState({ busy: false, message: errorMessage(error), failed: true });
    }
  };
  return (
    <section className="card" aria-labelledby="manifest-heading">
      <h2 id="manifest-heading">Manifest</h2>
      <div className="stats">
        <Stat
          label="Examples"
          value={count(manifest.counts.written)}
          detail={`${manifest.kind.toUpperCase()} · ${manifest.format}`}
        />
        <Stat label="Interactions scanned" value={count(manifest.counts.interactionsScanned)} />
        <Stat label="Left out" value={count(manifest.counts.skipped)} />
        <Stat label="PII redacted" value={count(manifest.redaction.total)} detail={manifest.redaction.engine} />
      </div>
      <div className="grid-2">
        <div>
          <h3>Examples by source</h3>
          {sources.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul>
              {sources.map(([source, n]) => (
                <li key={source}>
                  {source}: {count(n?.written ?? 0)} written, {count(n?.skipped ?? 0)} left out
                </li>
              ))}
            </ul>
          )}
          <h3>Left out, by reason</h3>
          {skipped.length === 0 ? (
            <p className="muted">Nothing was left out.</p>
          ) : (
            <ul>
              {skipped.map(([reason, n]) => (
                <li key={reason}>
                  {reason}: {count(n ?? 0)}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Provenance</h3>
          <dl className="facts">
            <dt>As of</dt>
            <dd>{formatDateTime(manifest.provenance.asOf)}</dd>
            <dt>Data from</dt>
            <dd>
              {manifest.provenance.dataTimeRange
                ? `${formatDateTime(manifest.provenance.dataTimeRange.from)} to ${formatDateTime(manifest.provenance.dataTimeRange.to)}`
                : 'no examples'}
            </dd>
            <dt>Backend</dt>
            <dd>{manifest.provenance.backend}</dd>
            <dt>Dedupe</dt>
            <dd>{manifest.limits.dedupe.enabled ? 'on' : 'off'}</dd>
            <dt>Per-user cap</dt>
            <dd>{manifest.limits.maxPerUser ?? 'none'}</dd>
            <dt>Redacted</dt>
            <dd>{redactions.length === 0 ? 'nothing found' : redactions.map(([t, n]) => `${t} ${n}`).join(', ')}</dd>
          </dl>
        </div>
      </div>
      <div className="row" style={{ marginTop: '1rem', alignItems: 'center' }}>
        <button
          type="button"
          className="primary"
          onClick={download}
          disabled={state.busy || manifest.counts.written === 0}
        >
          {state.busy ? 'Preparing…' : `Download ${count(manifest.counts.written)} examples (JSONL)`}
        </button>
        {state.message && (
          <span role="status" className={state.failed ? 'negative' : 'muted'}>
            {state.message}
          </span>
        )}
      </div>
      <details style={{ marginTop: '1rem' }}>
        <summary>The whole manifest (JSON)</summary>
        <pre>{JSON.stringify(manifest, null, 2)}</pre>
      </details>
    </section>
  );
}

export default function ExportsPage() {
  const [filters] = useFilters();
  const [kindParam] = useSearchParam('kind');
  const [formatParam] = useSearchParam('format');
  const [maxPerUser, setMaxPerUser] = useSearchParam('maxPerUser');
  const [dedupeParam, setDedupe] = useSearchParam('dedupe');
  const setParams = useSetParams();
  const [built, setBuilt] = useState<string | null>(null);
  const kind: ExportKind = kindParam === 'dpo' || kindParam === 'kto' ? kindParam : 'sft';
  const formats: readonly string[] = EXPORT_FORMATS[kind];
  const format = formatParam && formats.includes(formatParam) ? formatParam : (formats[0] ?? 'openai');
  const dedupe = dedupeParam !== 'false';
  const ids = { format: useId(), cap: useId() };
  const params = exportParams(filters, format, maxPerUser, dedupe);
  // The manifest runs a whole export pass: only when asked, and again when asked with other settings.
  const requestKey = JSON.stringify([kind, params]);
  const [progress, setProgress] = useState<ManifestProgress | null>(null);
  const manifest = useQuery({ ...manifestQuery(kind, params, setProgress), enabled: built === requestKey });

  return (
    <>
      <PageHeader title="Exports">
        Training data from real usage, with PII redacted and a manifest of what is in it.
      </PageHeader>
      <FilterBar
        granularity={false}
        unfiltered={false}
        unsupported={{
          dimensions: ['feature', 'language', 'modelVersion'],
          reason: 'Exports filter by time, tenant, model, prompt template and prompt version.',
        }}
      />
      <section className="card" aria-labelledby="build-heading">
        <h2 id="build-heading">What to export</h2>
        <fieldset style={{ border: 0, padding: 0, margin: '0 0 0.75rem' }}>
          <legend className="visually-hidden">Kind of training data</legend>
          <div className="row" style={{ alignItems: 'stretch' }}>
            {KINDS.map((k) => (
              <label
                key={k.kind}
                className="check card"
                style={{ margin: 0, flex: '1 1 14rem', alignItems: 'flex-start' }}
              >
                <input
                  type="radio"
                  name="kind"
                  value={k.kind}
                  checked={kind === k.kind}
                  onChange={() => setParams({ kind: k.kind === 'sft' ? null : k.kind, format: null })}
                />
                <span>
                  <strong>{k.label}</strong>
                  <br />
                  <span className="muted">{k.what}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="row">
          <div className="field">
            <label htmlFor={ids.format}>Format</label>
            <select id={ids.format} value={format} onChange={(e) => setParams({ format: e.target.value })}>
              {formats.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.cap}>Most examples per user</label>
            <input
              id={ids.cap}
              type="number"
              min={1}
              placeholder="no cap"
              value={maxPerUser ?? ''}
              onChange={(e) => setMaxPerUser(e.target.value)}
              style={{ width: '8rem' }}
            />
          </div>
          <label className="check">
            <input type="checkbox" checked={dedupe} onChange={(e) => setDedupe(e.target.checked ? null : 'false')} />
            Drop duplicate examples
          </label>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setProgress(null);
              setBuilt(requestKey);
            }}
          >
            Build manifest
          </button>
        </div>
      </section>
      {built === requestKey && manifest.isPending && progress ? (
        <ManifestProgressBar progress={progress} />
      ) : built === requestKey ? (
        <QueryState query={manifest} what="the manifest">
          {(data) => (
            <Manifest
              manifest={data}
              onDownload={async () => {
                const asOf = data.provenance.asOf;
                const name = `feedloop-${kind}-${format}-${asOf.slice(0, 10)}.jsonl`;
                await downloadExport(kind, { ...params, asOf }, name);
              }}
            />
          )}
        </QueryState>
      ) : (
        <p className="muted">Choose what to export, then build its manifest to see what it holds before downloading.</p>
      )}
    </>
  );
}
