/** Runs an export in-process and collects its lines, for assertions. */
import type { ExportFormat, ExportKind } from '@feedloop/core';
import { type ExportManifest, type ExportRequest, ExportRun, type ExportRunOptions } from '@feedloop/services';
import type { Store } from '@feedloop/store';

export interface Collected {
  text: string;
  lines: Array<Record<string, unknown>>;
  manifest: ExportManifest;
}

export function request(
  projectId: string,
  kind: ExportKind,
  format: ExportFormat,
  overrides: Partial<ExportRequest> = {},
): ExportRequest {
  return {
    projectId,
    kind,
    format,
    filters: {},
    maxPerUser: null,
    dedupe: true,
    asOf: Date.now() + 60_000,
    invocation: { command: 'test' },
    ...overrides,
  };
}

export async function collect(store: Store, req: ExportRequest, options: ExportRunOptions = {}): Promise<Collected> {
  const run = new ExportRun(store, req, options);
  let text = '';
  for await (const chunk of run.chunks()) text += chunk;
  const lines = text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { text, lines, manifest: run.manifest() };
}

export const user = (content: string) => ({ role: 'user', content });
export const assistant = (content: string) => ({ role: 'assistant', content });
export const system = (content: string) => ({ role: 'system', content });
