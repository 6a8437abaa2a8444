/** API keys and project settings: the queries and the mutations that change them. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { AbuseSettings, ApiKeyView, ProjectSettings } from './types';

export const projectKeys = {
  keys: ['project', 'keys'] as const,
  settings: ['project', 'settings'] as const,
};

export const keysQuery = () =>
  queryOptions({
    queryKey: projectKeys.keys,
    queryFn: ({ signal }) => api<{ keys: ApiKeyView[] }>('/v1/keys', { signal }),
  });

export const settingsQuery = () =>
  queryOptions({
    queryKey: projectKeys.settings,
    queryFn: ({ signal }) => api<ProjectSettings>('/v1/project/settings', { signal }),
  });

export interface NewKey {
  kind: 'secret' | 'public';
  name?: string;
  allowedOrigins?: string[];
}

export function useCreateKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewKey) =>
      api<{ key: ApiKeyView; plaintext: string }>('/v1/keys', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: projectKeys.keys }),
  });
}

export function useRevokeKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<{ key: ApiKeyView }>(`/v1/keys/${encodeURIComponent(id)}/revoke`, { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: projectKeys.keys }),
  });
}

export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: { requireTokens?: boolean; abuse?: Partial<AbuseSettings> }) =>
      api<ProjectSettings>('/v1/project/settings', { method: 'PATCH', body: patch }),
    onSuccess: (settings) => client.setQueryData(projectKeys.settings, settings),
  });
}
