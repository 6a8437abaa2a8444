/** Which set the page curates: open one by name (a new name starts a set) or from the list of sets. */
import type { UseQueryResult } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link, useSearch } from 'wouter';
import type { EvalSetSummary } from '../../api/types';
import { ErrorBox } from '../../components/query-state';
import { count } from '../../lib/format';
import { SET_NAME_HINT, SET_NAME_PATTERN } from './eval-text';

export function SetChooser({
  sets,
  current,
  onOpen,
  setListId,
}: {
  sets: UseQueryResult<{ sets: EvalSetSummary[] }>;
  current: string | null;
  onOpen: (name: string) => void;
  setListId: string;
}) {
  const search = useSearch();
  const [name, setName] = useState(current ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  useEffect(() => setName(current ?? ''), [current]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = name.trim();
    if (!SET_NAME_PATTERN.test(wanted)) {
      setProblem(`That is not a set name. ${SET_NAME_HINT}`);
      return;
    }
    setProblem(null);
    onOpen(wanted);
  };
  const hrefOf = (set: string) => {
    const params = new URLSearchParams(search);
    params.set('set', set);
    return `/eval-sets?${params}`;
  };
  const list = sets.data?.sets ?? [];

  return (
    <section className="card" aria-labelledby="sets-heading">
      <h2 id="sets-heading">Eval set</h2>
      <form className="row" onSubmit={submit} aria-label="Open an eval set" noValidate>
        <div className="field" style={{ flex: '1 1 16rem' }}>
          <label htmlFor={`${id}-name`}>Set name</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            list={setListId}
            autoComplete="off"
            placeholder="e.g. citations"
            aria-describedby={`${id}-hint`}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          <span className="hint" id={`${id}-hint`}>
            A new name starts a new set with its first accepted or rejected candidate.
          </span>
        </div>
        <button type="submit" className="primary">
          Open set
        </button>
      </form>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {sets.error ? <ErrorBox error={sets.error} title="Could not load the sets" /> : null}
      {list.length > 0 && (
        <div className="table-wrap" style={{ marginTop: '0.75rem' }}>
          <table>
            <caption>The project's sets</caption>
            <thead>
              <tr>
                <th scope="col">Set</th>
                <th scope="col" className="num">
                  Accepted
                </th>
                <th scope="col" className="num">
                  Rejected
                </th>
                <th scope="col">Latest version</th>
                <th scope="col">Draft</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.name}>
                  <th scope="row">
                    <Link href={hrefOf(s.name)} aria-current={s.name === current ? 'true' : undefined}>
                      {s.name}
                    </Link>
                  </th>
                  <td className="num">{count(s.draft.accepted)}</td>
                  <td className="num">{count(s.draft.rejected)}</td>
                  <td>{s.latestVersion === null ? <span className="muted">none</span> : `v${s.latestVersion}`}</td>
                  <td>{s.unpublishedChanges ? 'unpublished changes' : <span className="muted">published</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
