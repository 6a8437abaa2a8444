export { AssignmentMemory, type AssignmentReport, assignNewItems } from './assign-new-items.js';
export { type ClusteredPool, clusterTexts, FIT_SAMPLE } from './cluster-texts.js';
export { loadFailurePool, NEGATIVE_SIGNAL_TYPES, type PoolItem, type PoolWindow, promptText } from './failure-pool.js';
export { DEFAULT_WINDOW_MS, MIN_POOL, runThemes, type ThemeRunOptions, type ThemeRunReport } from './run-themes.js';
export {
  categoryOfTheme,
  categoryScores,
  DEFAULT_TAXONOMY,
  OTHER,
  parseTaxonomy,
  type TaxonomyCategory,
} from './taxonomy.js';
export {
  type ThemeConcentration,
  type ThemeExample,
  type ThemeSummary,
  type ThemesOverview,
  themeMembers,
  themesOverview,
} from './theme-overview.js';
export { type ThemeTrends, type ThemeTrendWeek, themeTrends } from './theme-trends.js';
