/**
 * One interaction: what was asked, what was retrieved, what was answered, and every signal about it in
 * time order — an edit shown as a word diff against the answer it corrects.
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearch } from 'wouter';
import { interactionQuery } from '../api/interaction-queries';
import type { InteractionDetail, SignalView } from '../api/types';
import { PageHeader } from '../components/page-header';
import { QueryState } from '../components/query-state';
import { formatDateTime } from '../lib/format';
import { contentText } from '../lib/messages';
import { wordDiff } from '../lib/word-diff';

function EditDiff({ before, after }: { before: string; after: string }) {
  const parts = wordDiff(before, after);
  return (
    <div>
      <p className="muted diff-legend" style={{ margin: '0.25rem 0' }}>
        Changes from the answer to the user's edit (<del>removed</del> <ins>added</ins>):
      </p>
      <figure className="diff" aria-label="Edit compared with the answer">
        {parts.map((part, i) =>
          part.kind === 'same' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts never reorder.
            <span key={i}>{part.text}</span>
          ) : part.kind === 'added' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts never reorder.
            <ins key={i}>{part.text}</ins>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts never reorder.
            <del key={i}>{part.text}</del>
          ),
        )}
      </figure>
    </div>
  );
}

function signalValue(signal: SignalView): string {
  const v = signal.value;
  if (v === null || v === undefined) return '';
  if (signal.type === 'thumbs') return v === 1 ? '▲ up' : v === -1 ? '▼ down' : 'taken back';
  if (signal.type === 'rating') return `${'★'.repeat(Number(v))}${'☆'.repeat(Math.max(0, 5 - Number(v)))} (${v})`;
  if (signal.type === 'dwell' && typeof v === 'number') return `${(v / 1000).toFixed(1)} s`;
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function Signal({ signal, output }: { signal: SignalView; output: string | null }) {
  const value = signalValue(signal);
  const who = [signal.userId && `user ${signal.userId}`, signal.sessionId && `session ${signal.sessionId}`]
    .filter(Boolean)
    .join(', ');
  return (
    <li>
      <div>
        <strong>{signal.type}</strong> <span className="muted">({signal.kind})</span>{' '}
        <time className="meta" dateTime={signal.createdAt}>
          {formatDateTime(signal.createdAt)}
        </time>
      </div>
      {signal.type === 'edit' && typeof signal.value === 'string' ? (
        <EditDiff before={output ?? ''} after={signal.value} />
      ) : (
        value && <p style={{ margin: '0.15rem 0', whiteSpace: 'pre-wrap' }}>{value}</p>
      )}
      {who && <p className="meta">{who}</p>}
    </li>
  );
}

function Detail({ interaction }: { interaction: InteractionDetail }) {
  const signals = [...interaction.signals].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const facts: Array<[string, string | number | null]> = [
    ['Created', formatDateTime(interaction.createdAt)],
    ['Model', [interaction.model, interaction.modelVersion].filter(Boolean).join(' ') || null],
    [
      'Prompt',
      [interaction.promptTemplate, interaction.promptVersion && `v${interaction.promptVersion}`]
        .filter(Boolean)
        .join(' ') || null,
    ],
    ['Tenant', interaction.tenant],
    ['Feature', interaction.feature],
    ['Language', interaction.language],
    ['User', interaction.userId],
    ['Session', interaction.sessionId],
    ['Latency', interaction.latencyMs === null ? null : `${interaction.latencyMs} ms`],
    [
      'Tokens',
      interaction.tokensIn === null && interaction.tokensOut === null
        ? null
        : `${interaction.tokensIn ?? '?'} in, ${interaction.tokensOut ?? '?'} out`,
    ],
    ['Regeneration of', interaction.parentId],
  ];
  return (
    <>
      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading">Details</h2>
        <dl className="facts">
          {facts
            .filter(([, v]) => v !== null && v !== '')
            .map(([k, v]) => (
              <div key={k} style={{ display: 'contents' }}>
                <dt>{k}</dt>
                <dd>
                  {k === 'Regeneration of' ? (
                    <Link href={`/interactions/${encodeURIComponent(String(v))}`}>{v}</Link>
                  ) : (
                    v
                  )}
                </dd>
              </div>
            ))}
        </dl>
      </section>
      <div className="grid-2">
        <div>
          <section className="card" aria-labelledby="prompt-heading">
            <h2 id="prompt-heading">Prompt</h2>
            {interaction.input === null ? (
              <p className="muted">Not recorded.</p>
            ) : typeof interaction.input === 'string' ? (
              <p style={{ whiteSpace: 'pre-wrap' }}>{interaction.input}</p>
            ) : (
              <div className="messages">
                {interaction.input.map((m, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: messages are a fixed list.
                  <div key={i} className="message">
                    <div className="role">{m.role}</div>
                    <p>{contentText(m.content)}</p>
                  </div>
                ))}
              </div>
            )}
          </section>
          <section className="card" aria-labelledby="context-heading">
            <h2 id="context-heading">Retrieved context</h2>
            {interaction.context.length === 0 ? (
              <p className="muted">No documents were retrieved.</p>
            ) : (
              <ol className="messages">
                {interaction.context.map((doc, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: documents are a fixed list.
                  <li key={i} className="message">
                    <div className="role">
                      {doc.id}
                      {doc.source ? ` · ${doc.source}` : ''}
                      {typeof doc.score === 'number' ? ` · score ${doc.score.toFixed(2)}` : ''}
                    </div>
                    {doc.text && <p>{doc.text}</p>}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section className="card" aria-labelledby="output-heading">
            <h2 id="output-heading">Output</h2>
            {interaction.output === null ? (
              <p className="muted">Not recorded.</p>
            ) : (
              <p style={{ whiteSpace: 'pre-wrap' }}>{interaction.output}</p>
            )}
          </section>
        </div>
        <section className="card" aria-labelledby="signals-heading">
          <h2 id="signals-heading">Signals ({signals.length})</h2>
          {signals.length === 0 ? (
            <p className="muted">No feedback yet.</p>
          ) : (
            <ol className="timeline" aria-label="Signals in time order">
              {signals.map((s) => (
                <Signal key={s.id} signal={s} output={interaction.output} />
              ))}
            </ol>
          )}
        </section>
      </div>
      {Object.keys(interaction.metadata).length > 0 && (
        <section className="card" aria-labelledby="metadata-heading">
          <h2 id="metadata-heading">Metadata</h2>
          <pre>{JSON.stringify(interaction.metadata, null, 2)}</pre>
        </section>
      )}
    </>
  );
}

export default function InteractionPage() {
  const params = useParams<{ id: string }>();
  const id = decodeURIComponent(params.id ?? '');
  const search = useSearch();
  const interaction = useQuery(interactionQuery(id));
  return (
    <>
      <p>
        <Link href={`/interactions${search ? `?${search}` : ''}`}>← All interactions</Link>
      </p>
      <PageHeader title={`Interaction ${id}`} />
      <QueryState query={interaction} what="the interaction">
        {(data) => <Detail interaction={data} />}
      </QueryState>
    </>
  );
}
