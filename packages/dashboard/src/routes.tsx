/**
 * Every page of the dashboard: one file under pages/ and one entry here. Pages load on first visit, so
 * the charting library is fetched only by the pages that draw charts.
 */
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

export interface PageRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /**
   * Shown in the side navigation under this group, when set. A feature whose API is still being built can
   * hold its place in the `soon` group with a page rendering `ComingSoon`; empty groups are not shown.
   */
  nav?: { label: string; group: NavGroupId };
}

type NavGroupId = 'analyse' | 'data' | 'improve' | 'project' | 'soon';

export const NAV_GROUPS: Array<{ id: NavGroupId; label?: string }> = [
  { id: 'analyse' },
  { id: 'data', label: 'Data' },
  { id: 'improve', label: 'Improve' },
  { id: 'project', label: 'Project' },
  { id: 'soon', label: 'Coming soon' },
];

export const ROUTES: PageRoute[] = [
  { path: '/', page: lazy(() => import('./pages/overview-page')), nav: { label: 'Overview', group: 'analyse' } },
  { path: '/cohorts', page: lazy(() => import('./pages/cohorts-page')), nav: { label: 'Cohorts', group: 'analyse' } },
  {
    path: '/compare',
    page: lazy(() => import('./pages/compare-page')),
    nav: { label: 'Models & prompts', group: 'analyse' },
  },
  { path: '/themes', page: lazy(() => import('./pages/themes-page')), nav: { label: 'Themes', group: 'analyse' } },
  {
    path: '/interactions',
    page: lazy(() => import('./pages/interactions-page')),
    nav: { label: 'Interactions', group: 'data' },
  },
  { path: '/interactions/:id', page: lazy(() => import('./pages/interaction-page')) },
  { path: '/exports', page: lazy(() => import('./pages/exports-page')), nav: { label: 'Exports', group: 'data' } },
  {
    path: '/eval-sets',
    page: lazy(() => import('./pages/eval-sets-page')),
    nav: { label: 'Eval sets', group: 'improve' },
  },
  {
    path: '/release-notes',
    page: lazy(() => import('./pages/release-notes-page')),
    nav: { label: 'Release notes', group: 'improve' },
  },
  {
    path: '/settings',
    page: lazy(() => import('./pages/settings-page')),
    nav: { label: 'Settings', group: 'project' },
  },
];
