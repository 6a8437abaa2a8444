/**
 * The sign-in form: a project secret key, checked with one cheap authenticated read before it is kept
 * (in this tab's sessionStorage only). Wrong, revoked and public keys each get their own explanation.
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { ApiError, api } from '../api/client';
import { session } from '../api/session';

export function keyProblem(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) {
      return 'This key is unknown or has been revoked. Check that you pasted the whole secret key (it starts with fl_sk_).';
    }
    if (error.status === 403) {
      return 'This is a public key: it can only send feedback from a browser. Sign in with a secret key (fl_sk_…).';
    }
    if (error.status === 0) return error.message;
    return `The server refused the key: ${error.message}`;
  }
  return 'The key could not be checked.';
}

export function SignIn() {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(session.reason());
  const [checking, setChecking] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  useEffect(() => {
    document.title = 'Sign in · Feedloop';
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = key.trim();
    if (!candidate) {
      setProblem('Paste a secret key first.');
      return;
    }
    setChecking(true);
    try {
      await api('/v1/project/settings', { key: candidate });
      session.signIn(candidate);
    } catch (error) {
      setProblem(keyProblem(error));
    } finally {
      setChecking(false);
    }
  };

  return (
    <main className="sign-in" id="content">
      <h1>Sign in to Feedloop</h1>
      <p className="muted">
        The dashboard reads your project's feedback with a secret key. <code>feedloop serve</code> printed one on first
        start; <code>feedloop keys create</code> makes another.
      </p>
      <form onSubmit={submit} className="card" noValidate>
        <div className="field">
          <label htmlFor={inputId}>Secret key</label>
          <input
            id={inputId}
            type="password"
            value={key}
            autoComplete="off"
            spellCheck={false}
            placeholder="fl_sk_…"
            aria-describedby={problem ? `${hintId} ${errorId}` : hintId}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => setKey(e.target.value)}
          />
          <span className="hint" id={hintId}>
            Kept in this browser tab only (sessionStorage) and sent only to this server.
          </span>
        </div>
        {problem && (
          <div className="error" role="alert" id={errorId}>
            {problem}
          </div>
        )}
        <button type="submit" className="primary" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
