/**
 * Eval sets: regression tests grown from real failures. Pick a set, accept the candidates worth keeping
 * (the expected output pre-filled from the user's edit) and reject the rest, then publish the draft as
 * an immutable version and download it as JSONL, promptfoo tests or OpenAI evals. Parts in eval-sets/.
 */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { evalSetQuery, evalSetsQuery } from '../api/eval-queries';
import { FilterBar } from '../components/filter-bar';
import { PageHeader } from '../components/page-header';
import { useFilters, useSearchParam } from '../components/use-filters';
import { type Filters, timeRange } from '../lib/filters';
import { CandidateList } from './eval-sets/candidate-list';
import { SetChooser } from './eval-sets/set-chooser';
import { SetDraft } from './eval-sets/set-draft';
import { SetVersions } from './eval-sets/set-versions';

/** `GET /v1/eval/candidates` filters by time, tenant, model, prompt template and version. */
function candidateParams(filters: Filters, set: string | null): Record<string, string> {
  const { from, to } = timeRange(filters, Date.now());
  const params: Record<string, string> = {
    since: new Date(from).toISOString(),
    until: new Date(to).toISOString(),
    limit: '10',
  };
  const d = filters.dimensions;
  if (d.tenant) params.tenant = d.tenant;
  if (d.model) params.model = d.model;
  if (d.promptTemplate) params.template = d.promptTemplate;
  if (d.promptVersion) params.templateVersion = d.promptVersion;
  if (set) params.set = set;
  return params;
}

export default function EvalSetsPage() {
  const [filters] = useFilters();
  const [set, setSet] = useSearchParam('set');
  const sets = useQuery(evalSetsQuery());
  const detail = useQuery({ ...evalSetQuery(set ?? ''), enabled: set !== null });
  const setListId = useId();

  return (
    <>
      <PageHeader title="Eval sets">
        Regression tests from real failures: accept what users flagged, publish a numbered version, export it.
      </PageHeader>
      <datalist id={setListId}>
        {sets.data?.sets.map((s) => (
          <option key={s.name} value={s.name} />
        ))}
      </datalist>
      <SetChooser sets={sets} current={set} onOpen={setSet} setListId={setListId} />
      {set && <SetDraft key={set} name={set} detail={detail} />}
      {set && detail.data && <SetVersions name={set} versions={detail.data.versions} />}
      <FilterBar
        granularity={false}
        unfiltered={false}
        unsupported={{
          dimensions: ['feature', 'language', 'modelVersion'],
          reason: 'Candidates filter by time, tenant, model, prompt template and prompt version.',
        }}
      />
      <CandidateList params={candidateParams(filters, set)} set={set} setListId={setListId} />
    </>
  );
}
