/**
 * The frame around every page: a top bar (brand, menu button on narrow screens, sign-out), the side
 * navigation built from the route table, and a skip link to the content.
 */

import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { session } from '../api/session';
import { sharedFilterSearch } from '../lib/filters';
import { NAV_GROUPS, ROUTES } from '../routes';

export function Layout({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const search = useSearch();
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  const client = useQueryClient();
  const carried = sharedFilterSearch(new URLSearchParams(search));

  // Following a link closes the menu on narrow screens.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation.
  useEffect(() => setMenuOpen(false), [location]);

  const isCurrent = (path: string) => (path === '/' ? location === '/' : location.startsWith(path));

  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls={navId}
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        <Link href={`/${carried}`} className="brand">
          <img src="/favicon.svg" alt="" /> Feedloop
        </Link>
        <span className="spacer" />
        <button
          type="button"
          onClick={() => {
            client.clear();
            session.signOut();
          }}
        >
          Sign out
        </button>
      </header>
      <nav id={navId} className={`sidenav${menuOpen ? ' open' : ''}`} aria-label="Main">
        {NAV_GROUPS.filter((group) => ROUTES.some((r) => r.nav?.group === group.id)).map((group) => (
          <div key={group.id}>
            {group.label && (
              <p className="group-label" id={`${navId}-${group.id}`}>
                {group.label}
              </p>
            )}
            <ul aria-labelledby={group.label ? `${navId}-${group.id}` : undefined}>
              {ROUTES.filter((r) => r.nav?.group === group.id).map((route) => (
                <li key={route.path}>
                  <Link
                    href={`${route.path}${carried}`}
                    aria-current={isCurrent(route.path) ? 'page' : undefined}
                    className={group.id === 'soon' ? 'soon' : undefined}
                  >
                    {route.nav?.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main id="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
