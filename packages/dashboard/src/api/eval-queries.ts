/**
 * Eval sets (`/v1/eval/*`): candidates page by page, the sets and one set's draft, and the mutations that
 * curate and publish. Every write invalidates the whole `eval` family: a decision changes the candidates
 * (the set's own are left out), the draft and the set list at once.
 */
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { saveBlob } from '../lib/save-file';
import { api, apiFile } from './client';
import type {
  EvalCandidatePage,
  EvalCase,
  EvalExportFormat,
  EvalSetDetail,
  EvalSetSummary,
  PublishResult,
} from './types';

export const evalKeys = {
  all: ['eval'] as const,
  candidates: (params: Record<string, string>) => [...evalKeys.all, 'candidates', params] as const,
  sets: () => [...evalKeys.all, 'sets'] as const,
  set: (name: string) => [...evalKeys.all, 'set', name] as const,
};

const setPath = (name: string) => `/v1/eval/sets/${encodeURIComponent(name)}`;

export const candidatesQuery = (params: Record<string, string>) =>
  infiniteQueryOptions({
    queryKey: evalKeys.candidates(params),
    queryFn: ({ pageParam, signal }) =>
      api<EvalCandidatePage>('/v1/eval/candidates', { query: { ...params, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const evalSetsQuery = () =>
  queryOptions({
    queryKey: evalKeys.sets(),
    queryFn: ({ signal }) => api<{ sets: EvalSetSummary[] }>('/v1/eval/sets', { signal }),
  });

export const evalSetQuery = (name: string) =>
  queryOptions({
    queryKey: evalKeys.set(name),
    queryFn: ({ signal }) => api<EvalSetDetail>(setPath(name), { signal }),
  });

function useEvalMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: evalKeys.all }) });
}

export interface AcceptInput {
  set: string;
  interactionId: string;
  expectedOutput?: string;
  tags?: string[];
}

export const useAcceptCase = () =>
  useEvalMutation(({ set, ...body }: AcceptInput) => api<EvalCase>(`${setPath(set)}/cases`, { method: 'POST', body }));

export const useRejectCase = () =>
  useEvalMutation(({ set, ...body }: { set: string; interactionId: string; reason?: string }) =>
    api<EvalCase>(`${setPath(set)}/reject`, { method: 'POST', body }),
  );

export const useEditCase = () =>
  useEvalMutation(
    ({
      set,
      interactionId,
      ...body
    }: {
      set: string;
      interactionId: string;
      expectedOutput?: string;
      tags?: string[];
    }) => api<EvalCase>(`${setPath(set)}/cases/${encodeURIComponent(interactionId)}`, { method: 'PATCH', body }),
  );

export const usePublishSet = () =>
  useEvalMutation((set: string) => api<PublishResult>(`${setPath(set)}/publish`, { method: 'POST', body: {} }));

/** Fetches a version's export with the key and saves it under the name the server gives it. */
export async function downloadEvalVersion(set: string, version: number, format: EvalExportFormat): Promise<string> {
  const { blob, fileName } = await apiFile(`${setPath(set)}/versions/${version}/export`, { query: { format } });
  const name = fileName ?? `${set}-v${version}.${format === 'promptfoo' ? 'yaml' : 'jsonl'}`;
  saveBlob(blob, name);
  return name;
}
