/**
 * Themes (`/v1/themes*`): the latest run's themes for a period, the shares week by week, a theme's
 * members, and the two writes — a full re-clustering and assigning new feedback to the existing themes.
 * Both writes invalidate the whole `themes` family: every read depends on the latest run.
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { AssignmentReport, ThemeExample, ThemeRunReport, ThemesOverview, ThemeTrends } from './types';

/** A period as the API takes it: ISO 8601 instants, `from` inclusive and `to` exclusive. */
export interface PeriodParams {
  from: string;
  to: string;
}

export const themeKeys = {
  all: ['themes'] as const,
  overview: (period: PeriodParams) => [...themeKeys.all, 'overview', period] as const,
  trends: (weeks: number) => [...themeKeys.all, 'trends', weeks] as const,
  members: (id: string, period: PeriodParams, limit: number) =>
    [...themeKeys.all, 'members', id, period, limit] as const,
};

export const themesQuery = (period: PeriodParams) =>
  queryOptions({
    queryKey: themeKeys.overview(period),
    queryFn: ({ signal }) => api<ThemesOverview>('/v1/themes', { query: { ...period }, signal }),
  });

export const themeTrendsQuery = (weeks: number) =>
  queryOptions({
    queryKey: themeKeys.trends(weeks),
    queryFn: ({ signal }) => api<ThemeTrends>('/v1/themes/trends', { query: { weeks }, signal }),
  });

export const themeMembersQuery = (id: string, period: PeriodParams, limit: number) =>
  queryOptions({
    queryKey: themeKeys.members(id, period, limit),
    queryFn: ({ signal }) =>
      api<{ members: ThemeExample[] }>(`/v1/themes/${encodeURIComponent(id)}/members`, {
        query: { ...period, limit },
        signal,
      }),
  });

export interface RunInput extends PeriodParams {
  /** The number of themes; chosen automatically when absent. */
  k?: number;
}

export function useRunThemes() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RunInput) => api<ThemeRunReport>('/v1/themes/runs', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: themeKeys.all }),
  });
}

export function useAssignFeedback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<AssignmentReport>('/v1/themes/assign', { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: themeKeys.all }),
  });
}
