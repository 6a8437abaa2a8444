/** Query options for the interaction list (`GET /v1/interactions`, page by page) and one interaction. */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from './client';
import type { InteractionDetail, InteractionPage } from './types';

export const interactionKeys = {
  all: ['interactions'] as const,
  list: (params: Record<string, string>) => [...interactionKeys.all, 'list', params] as const,
  detail: (id: string) => [...interactionKeys.all, 'detail', id] as const,
};

export const interactionListQuery = (params: Record<string, string>) =>
  infiniteQueryOptions({
    queryKey: interactionKeys.list(params),
    queryFn: ({ pageParam, signal }) =>
      api<InteractionPage>('/v1/interactions', { query: { ...params, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const interactionQuery = (id: string) =>
  queryOptions({
    queryKey: interactionKeys.detail(id),
    queryFn: ({ signal }) => api<InteractionDetail>(`/v1/interactions/${encodeURIComponent(id)}`, { signal }),
  });
