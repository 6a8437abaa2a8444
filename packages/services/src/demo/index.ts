export { BAD_ARTICLES } from './demo-help-center.js';
export {
  DEMO_INTERACTIONS_PER_WEEK,
  DEMO_LABEL,
  type DemoBatch,
  type DemoHistoryOptions,
  type DemoRange,
  demoRange,
  generateDemoHistory,
} from './demo-history.js';
export {
  DEMO_FEATURES,
  DEMO_LANGUAGES,
  DEMO_MODELS,
  DEMO_TENANTS,
  FAILURE_THEMES,
  type FailureTheme,
} from './demo-world.js';
export { type DemoLoadProgress, type DemoLoadSummary, loadDemoHistory } from './load-demo-history.js';
