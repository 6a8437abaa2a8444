/** The manifest of an export (`GET /v1/exports/:kind/manifest`) and the export file itself. */
import { queryOptions } from '@tanstack/react-query';
import { saveBlob } from '../lib/save-file';
import { ApiError, apiBlob, apiLines } from './client';
import type { ExportKind, ExportManifest } from './types';

export const exportKeys = {
  manifest: (kind: ExportKind, params: Record<string, string>) => ['exports', kind, 'manifest', params] as const,
};

/** How far the export pass behind a manifest has got: interactions scanned of `total`. */
export interface ManifestProgress {
  scanned: number;
  written: number;
  total: number;
}

type ManifestLine =
  | { progress: ManifestProgress }
  | { manifest: ExportManifest }
  | { error: { code: string; message: string } };

/**
 * The manifest runs a whole export pass, which takes a while on a large project: it is read as a stream
 * of progress lines (reported to `onProgress`) ending with the manifest.
 */
export const manifestQuery = (
  kind: ExportKind,
  params: Record<string, string>,
  onProgress: (progress: ManifestProgress) => void = () => {},
) =>
  queryOptions({
    queryKey: exportKeys.manifest(kind, params),
    queryFn: async ({ signal }) => {
      let manifest: ExportManifest | undefined;
      await apiLines(`/v1/exports/${kind}/manifest`, { query: params, signal }, (value) => {
        const line = value as ManifestLine;
        if ('progress' in line) onProgress(line.progress);
        else if ('manifest' in line) manifest = line.manifest;
        else throw new ApiError(500, line.error.code, line.error.message);
      });
      if (!manifest) throw new ApiError(0, 'FL_NETWORK', 'The manifest stream ended before the manifest.');
      return manifest;
    },
    // An export is pinned to its asOf; the same parameters give the same manifest.
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Downloads the export described by a manifest (same parameters, same asOf) and saves it as a file. */
export async function downloadExport(kind: ExportKind, params: Record<string, string>, fileName: string) {
  const blob = await apiBlob(`/v1/exports/${kind}`, { query: params });
  saveBlob(blob, fileName);
  return blob.size;
}
