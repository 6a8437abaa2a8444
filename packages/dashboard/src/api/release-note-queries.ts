/**
 * Release notes (`/v1/release-notes*`): every note with its evidence, the approved ones as the app reads
 * them, drafting and deciding. Every write invalidates both lists.
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { DraftReport, PublishedNote, ReleaseNote } from './types';

export const releaseNoteKeys = {
  all: ['release-notes'] as const,
  list: () => [...releaseNoteKeys.all, 'list'] as const,
  published: () => [...releaseNoteKeys.all, 'published'] as const,
};

/** Drafts, approved and dismissed notes, newest first (the server answers the latest 100). */
export const releaseNotesQuery = () =>
  queryOptions({
    queryKey: releaseNoteKeys.list(),
    queryFn: ({ signal }) => api<{ notes: ReleaseNote[] }>('/v1/release-notes', { signal }),
  });

/** Exactly what the app gets with its public key. */
export const publishedNotesQuery = () =>
  queryOptions({
    queryKey: releaseNoteKeys.published(),
    queryFn: ({ signal }) => api<{ notes: PublishedNote[] }>('/v1/release-notes/published', { signal }),
  });

export function useDraftNotes() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<DraftReport>('/v1/release-notes/draft', { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: releaseNoteKeys.all }),
  });
}

export interface NoteDecision {
  id: string;
  action: 'approve' | 'dismiss';
  /** Replace the drafted wording (approve only). */
  title?: string;
  body?: string;
}

export function useDecideNote() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, ...edits }: NoteDecision) =>
      api<ReleaseNote>(`/v1/release-notes/${encodeURIComponent(id)}/${action}`, {
        method: 'POST',
        body: action === 'approve' ? edits : {},
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: releaseNoteKeys.all }),
  });
}
