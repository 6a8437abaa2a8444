/** The manifest of an export (`GET /v1/exports/:kind/manifest`) and the export file itself. */
import { queryOptions } from '@tanstack/react-query';
import { saveBlob } from '../lib/save-file';
import { api, apiBlob } from './client';
import type { ExportKind, ExportManifest } from './types';

export const exportKeys = {
  manifest: (kind: ExportKind, params: Record<string, string>) => ['exports', kind, 'manifest', params] as const,
};

export const manifestQuery = (kind: ExportKind, params: Record<string, string>) =>
  queryOptions({
    queryKey: exportKeys.manifest(kind, params),
    queryFn: ({ signal }) => api<ExportManifest>(`/v1/exports/${kind}/manifest`, { query: params, signal }),
    // An export is pinned to its asOf; the same parameters give the same manifest.
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Downloads the export described by a manifest (same parameters, same asOf) and saves it as a file. */
export async function downloadExport(kind: ExportKind, params: Record<string, string>, fileName: string) {
  const blob = await apiBlob(`/v1/exports/${kind}`, { query: params });
  saveBlob(blob, fileName);
  return blob.size;
}
