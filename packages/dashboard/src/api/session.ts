/**
 * The signed-in secret key, kept in sessionStorage: it lives as long as the tab, survives reloads, and is
 * never written anywhere else. Components read it through `useApiKey` (useSyncExternalStore over
 * `subscribe`), so signing in or out re-renders the app at once.
 */
import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'feedloop.dashboard.key';
const listeners = new Set<() => void>();
let memoryKey: string | null = null;
let signOutReason: string | null = null;

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    // Storage can be blocked (privacy settings): the key then lives in memory until the tab reloads.
    return undefined;
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

export const session = {
  key(): string | null {
    return storage()?.getItem(STORAGE_KEY) ?? memoryKey;
  },
  signIn(key: string): void {
    memoryKey = key;
    signOutReason = null;
    storage()?.setItem(STORAGE_KEY, key);
    notify();
  },
  /** Forgets the key; `reason` is shown on the sign-in form (e.g. when the key stopped working). */
  signOut(reason: string | null = null): void {
    memoryKey = null;
    signOutReason = reason;
    storage()?.removeItem(STORAGE_KEY);
    notify();
  },
  reason(): string | null {
    return signOutReason;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useApiKey(): string | null {
  return useSyncExternalStore(session.subscribe, session.key, () => null);
}
