/**
 * State that lives in the URL's query string: the shared filters (lib/filters.ts) and page-specific
 * parameters. Changes start from the current address, so several changes in one event all apply.
 */
import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { type Filters, readFilters, writeFilters } from '../lib/filters';

/** Changes the query string in place (one history entry), keeping the path. */
export function useUpdateSearch(): (change: (params: URLSearchParams) => URLSearchParams | undefined) => void {
  const [location, navigate] = useLocation();
  return useCallback(
    (change) => {
      const current = new URLSearchParams(window.location.search);
      const next = change(current) ?? current;
      const text = next.toString();
      navigate(`${location}${text ? `?${text}` : ''}`);
    },
    [location, navigate],
  );
}

export function useFilters(): [Filters, (patch: Partial<Filters>) => void] {
  const search = useSearch();
  const filters = useMemo(() => readFilters(new URLSearchParams(search)), [search]);
  const updateSearch = useUpdateSearch();
  const update = useCallback(
    (patch: Partial<Filters>) => updateSearch((params) => writeFilters(params, { ...readFilters(params), ...patch })),
    [updateSearch],
  );
  return [filters, update];
}

/** Sets (or, with null or '', removes) several page parameters at once. */
export function useSetParams(): (values: Record<string, string | null>) => void {
  const updateSearch = useUpdateSearch();
  return useCallback(
    (values) =>
      updateSearch((params) => {
        for (const [name, value] of Object.entries(values)) {
          if (value === null || value === '') params.delete(name);
          else params.set(name, value);
        }
        return params;
      }),
    [updateSearch],
  );
}

/** One page-specific query parameter (dimension, values, q…) as state in the URL. */
export function useSearchParam(name: string): [string | null, (value: string | null) => void] {
  const search = useSearch();
  const setParams = useSetParams();
  const value = useMemo(() => new URLSearchParams(search).get(name), [search, name]);
  const set = useCallback((next: string | null) => setParams({ [name]: next }), [name, setParams]);
  return [value, set];
}
