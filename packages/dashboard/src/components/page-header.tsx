/** The page's one h1, its description, and the document title to match. */
import { type ReactNode, useEffect } from 'react';

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Feedloop`;
  }, [title]);
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {children && <p>{children}</p>}
    </header>
  );
}
