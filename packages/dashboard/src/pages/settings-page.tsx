/**
 * Settings: the project's API keys (list, create — the key is shown once — and revoke) and its settings
 * (feedback tokens, the abuse filter's limits).
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { keysQuery, settingsQuery, useCreateKey, useRevokeKey, useUpdateSettings } from '../api/project-queries';
import type { AbuseSettings, ApiKeyView, ProjectSettings } from '../api/types';
import { PageHeader } from '../components/page-header';
import { ErrorBox, QueryState } from '../components/query-state';
import { formatDateTime } from '../lib/format';

function KeyTable({ keys }: { keys: ApiKeyView[] }) {
  const revoke = useRevokeKey();
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <>
      {revoke.error && <ErrorBox error={revoke.error} title="Could not revoke the key" />}
      <div className="table-wrap">
        <table>
          <caption>Keys are stored hashed: only their first characters can be shown.</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Key</th>
              <th scope="col">Allowed origins</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id}>
                <th scope="row">{key.name || <span className="muted">(unnamed)</span>}</th>
                <td>{key.kind}</td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{key.kind === 'public' ? key.allowedOrigins.join(', ') : '—'}</td>
                <td>{formatDateTime(key.createdAt)}</td>
                <td>
                  {key.revokedAt ? (
                    <span className="muted">revoked {formatDateTime(key.revokedAt)}</span>
                  ) : key.current ? (
                    <span>in use by this dashboard</span>
                  ) : confirming === key.id ? (
                    <span className="row" style={{ gap: '0.4rem' }}>
                      <button
                        type="button"
                        className="danger"
                        disabled={revoke.isPending}
                        onClick={() => revoke.mutate(key.id, { onSettled: () => setConfirming(null) })}
                      >
                        Yes, revoke {key.prefix}…
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="danger" onClick={() => setConfirming(key.id)}>
                      Revoke <span className="visually-hidden">{key.name || key.prefix}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function CreateKey() {
  const create = useCreateKey();
  const [kind, setKind] = useState<'secret' | 'public'>('secret');
  const [name, setName] = useState('');
  const [origins, setOrigins] = useState('');
  const [shown, setShown] = useState<{ plaintext: string; name: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const ids = { name: useId(), origins: useId(), originsHint: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const allowedOrigins = origins
      .split(/[\s,]+/)
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter(Boolean);
    create.mutate(
      { kind, name: name.trim(), ...(kind === 'public' && allowedOrigins.length > 0 ? { allowedOrigins } : {}) },
      {
        onSuccess: (result) => {
          setShown({ plaintext: result.plaintext, name: result.key.name || result.key.prefix });
          setCopied(false);
          setName('');
          setOrigins('');
        },
      },
    );
  };

  if (shown) {
    return (
      <div className="notice" role="status">
        <p>
          <strong>New key “{shown.name}”.</strong> Copy it now: it is shown only this once and cannot be read again.
        </p>
        <output className="secret" aria-label="The new key">
          {shown.plaintext}
        </output>
        <div className="row">
          <button
            type="button"
            onClick={async () => {
              await navigator.clipboard?.writeText(shown.plaintext).catch(() => undefined);
              setCopied(true);
            }}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button type="button" className="primary" onClick={() => setShown(null)}>
            I have saved it
          </button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} aria-label="Create a key">
      {create.error && <ErrorBox error={create.error} title="Could not create the key" />}
      <fieldset style={{ border: 0, padding: 0, margin: '0 0 0.75rem' }}>
        <legend>
          <strong>Kind</strong>
        </legend>
        <label className="check" style={{ marginRight: '1rem' }}>
          <input type="radio" name="key-kind" checked={kind === 'secret'} onChange={() => setKind('secret')} /> Secret —
          for servers and this dashboard: reads and writes everything
        </label>
        <br />
        <label className="check">
          <input type="radio" name="key-kind" checked={kind === 'public'} onChange={() => setKind('public')} /> Public —
          for browsers: sends feedback only
        </label>
      </fieldset>
      <div className="row">
        <div className="field" style={{ flex: '1 1 14rem' }}>
          <label htmlFor={ids.name}>Name</label>
          <input id={ids.name} type="text" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </div>
        {kind === 'public' && (
          <div className="field" style={{ flex: '2 1 20rem' }}>
            <label htmlFor={ids.origins}>Allowed origins</label>
            <input
              id={ids.origins}
              type="text"
              value={origins}
              placeholder="https://app.example.com"
              aria-describedby={ids.originsHint}
              onChange={(e) => setOrigins(e.target.value)}
            />
            <span className="hint" id={ids.originsHint}>
              Pages allowed to send feedback with this key, separated by spaces or commas. Empty allows any.
            </span>
          </div>
        )}
        <button type="submit" className="primary" disabled={create.isPending}>
          Create key
        </button>
      </div>
    </form>
  );
}

const ABUSE_FIELDS: Array<{ name: Exclude<keyof AbuseSettings, 'enabled'>; label: string; hint: string }> = [
  { name: 'burstPerMinute', label: 'Votes per minute', hint: 'More from one user in any 60 s is a burst.' },
  { name: 'votesPerUserPerDay', label: 'Votes per user per day', hint: 'Distinct interactions one user counts on.' },
  {
    name: 'unviewedVotesPerWeek',
    label: 'Unseen votes per week',
    hint: 'Votes on answers the user never saw, in any 7 days.',
  },
  { name: 'maxVoteChanges', label: 'Vote changes', hint: 'Changes of one vote before it is flip-flop.' },
];

function SettingsForm({ settings }: { settings: ProjectSettings }) {
  const update = useUpdateSettings();
  const [draft, setDraft] = useState(settings);
  const [saved, setSaved] = useState(false);
  const ids = { tokens: useId(), enabled: useId() };
  const fieldIds = useId();
  useEffect(() => setDraft(settings), [settings]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate({ requireTokens: draft.requireTokens, abuse: draft.abuse }, { onSuccess: () => setSaved(true) });
  };

  return (
    <form onSubmit={submit} aria-label="Project settings">
      {update.error && <ErrorBox error={update.error} title="Could not save the settings" />}
      <p>
        <label className="check" htmlFor={ids.tokens}>
          <input
            id={ids.tokens}
            type="checkbox"
            checked={draft.requireTokens}
            onChange={(e) => setDraft({ ...draft, requireTokens: e.target.checked })}
          />
          Require feedback tokens for feedback sent with public keys
        </label>
        <br />
        <span className="muted">
          Your server mints a token per answer, so people who read your page cannot rate arbitrary interactions.
        </span>
      </p>
      <h3>Abuse filter</h3>
      <p>
        <label className="check" htmlFor={ids.enabled}>
          <input
            id={ids.enabled}
            type="checkbox"
            checked={draft.abuse.enabled}
            onChange={(e) => setDraft({ ...draft, abuse: { ...draft.abuse, enabled: e.target.checked } })}
          />
          Set aside votes that break these limits (they are kept, never deleted)
        </label>
      </p>
      <div className="dimension-filters">
        {ABUSE_FIELDS.map((f) => (
          <div className="field" key={f.name}>
            <label htmlFor={`${fieldIds}-${f.name}`}>{f.label}</label>
            <input
              id={`${fieldIds}-${f.name}`}
              type="number"
              min={1}
              required
              disabled={!draft.abuse.enabled}
              value={draft.abuse[f.name]}
              aria-describedby={`${fieldIds}-${f.name}-hint`}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  abuse: { ...draft.abuse, [f.name]: Math.max(1, Math.floor(Number(e.target.value) || 1)) },
                })
              }
            />
            <span className="hint" id={`${fieldIds}-${f.name}-hint`}>
              {f.hint}
            </span>
          </div>
        ))}
      </div>
      <div className="row" style={{ marginTop: '0.75rem', alignItems: 'center' }}>
        <button type="submit" className="primary" disabled={update.isPending}>
          Save settings
        </button>
        {saved && (
          <span role="status" className="muted">
            Saved. Votes screened from now on use these limits.
          </span>
        )}
      </div>
    </form>
  );
}

export default function SettingsPage() {
  const keys = useQuery(keysQuery());
  const settings = useQuery(settingsQuery());
  return (
    <>
      <PageHeader title="Settings">API keys and how this project treats incoming feedback.</PageHeader>
      <section className="card" aria-labelledby="keys-heading">
        <h2 id="keys-heading">API keys</h2>
        <QueryState query={keys} what="the keys">
          {(data) => <KeyTable keys={data.keys} />}
        </QueryState>
        <p className="muted">
          The key this dashboard uses cannot revoke itself, so the project always keeps a working secret key. To retire
          it, sign in with another secret key.
        </p>
      </section>
      <section className="card" aria-labelledby="create-heading">
        <h2 id="create-heading">Create a key</h2>
        <CreateKey />
      </section>
      <section className="card" aria-labelledby="project-heading">
        <h2 id="project-heading">Project settings</h2>
        <QueryState query={settings} what="the settings">
          {(data) => <SettingsForm settings={data} />}
        </QueryState>
      </section>
    </>
  );
}
