/** Query options for the analyses (`GET /v1/analysis/*`, the weekly report), one factory per answer. */
import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import type { CaptureRate, CohortMoves, CohortReport, Comparison, TimeSeries } from './types';

type Params = Record<string, string>;

export const analysisKeys = {
  all: ['analysis'] as const,
  of: (name: string, params: Params) => [...analysisKeys.all, name, params] as const,
};

export const timeSeriesQuery = (params: Params & { granularity: string }) =>
  queryOptions({
    queryKey: analysisKeys.of('timeseries', params),
    queryFn: ({ signal }) => api<TimeSeries>('/v1/analysis/timeseries', { query: params, signal }),
  });

export const cohortsQuery = (params: Params & { dimension: string }) =>
  queryOptions({
    queryKey: analysisKeys.of('cohorts', params),
    queryFn: ({ signal }) => api<CohortReport>('/v1/analysis/cohorts', { query: params, signal }),
  });

export const compareQuery = (params: Params & { dimension: string; values: string }) =>
  queryOptions({
    queryKey: analysisKeys.of('compare', params),
    queryFn: ({ signal }) => api<Comparison>('/v1/analysis/compare', { query: params, signal }),
  });

export const captureRateQuery = (params: Params) =>
  queryOptions({
    queryKey: analysisKeys.of('capture-rate', params),
    queryFn: ({ signal }) => api<CaptureRate>('/v1/analysis/capture-rate', { query: params, signal }),
  });

/** Cohorts whose positive rate moved against the same-length range before (`GET /v1/analysis/moves`). */
export const movesQuery = (params: Params) =>
  queryOptions({
    queryKey: analysisKeys.of('moves', params),
    queryFn: ({ signal }) => api<CohortMoves>('/v1/analysis/moves', { query: params, signal }),
  });
