/** A set's published versions, newest first, each downloadable in the three export formats. */
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { downloadEvalVersion } from '../../api/eval-queries';
import { EVAL_EXPORT_FORMATS, type EvalExportFormat, type EvalVersionSummary } from '../../api/types';
import { count, formatDateTime } from '../../lib/format';
import { redactedCount } from './eval-text';

function ExportButtons({ set, version }: { set: string; version: number }) {
  const [state, setState] = useState<{ busy: boolean; message: string; failed: boolean }>({
    busy: false,
    message: '',
    failed: false,
  });
  const download = async (format: EvalExportFormat) => {
    setState({ busy: true, message: '', failed: false });
    try {
      const name = await downloadEvalVersion(set, version, format);
      setState({ busy: false, message: `Saved ${name}.`, failed: false });
    } catch (error) {
      setState({ busy: false, message: errorMessage(error), failed: true });
    }
  };
  return (
    <div className="row" style={{ gap: '0.4rem', alignItems: 'center' }}>
      {EVAL_EXPORT_FORMATS.map((f) => (
        <button key={f.format} type="button" disabled={state.busy} onClick={() => download(f.format)}>
          <span className="visually-hidden">Download v{version} as </span>
          {f.label}
        </button>
      ))}
      <span role="status" className={state.failed ? 'negative' : 'muted'}>
        {state.message}
      </span>
    </div>
  );
}

export function SetVersions({ name, versions }: { name: string; versions: EvalVersionSummary[] }) {
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return (
    <section className="card" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions of “{name}”</h2>
      {newestFirst.length === 0 ? (
        <p className="muted">
          Nothing published yet. Publishing the draft makes v1; a version never changes afterwards.
        </p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>
              Each version is fixed when published, PII already redacted: its files are the same bytes every time.
            </caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col" className="num">
                  Cases
                </th>
                <th scope="col">Published</th>
                <th scope="col" className="num">
                  PII redacted
                </th>
                <th scope="col">Download</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((v) => (
                <tr key={v.version}>
                  <th scope="row">v{v.version}</th>
                  <td className="num">{count(v.cases)}</td>
                  <td>{formatDateTime(v.publishedAt)}</td>
                  <td className="num">{count(redactedCount(v.redaction))}</td>
                  <td>
                    <ExportButtons set={name} version={v.version} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
