/** What a section shows while its data loads or when it failed. */
import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  return (
    <div className="error" role="alert">
      <strong>{title}:</strong> {errorMessage(error)}
    </div>
  );
}

/** Renders `children(data)` once loaded; a loading line or the error until then. */
export function QueryState<T>({
  query,
  what,
  children,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean };
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.error) return <ErrorBox error={query.error} title={`Could not load ${what}`} />;
  if (query.isPending || query.data === undefined) return <Loading what={what} />;
  return <>{children(query.data)}</>;
}
