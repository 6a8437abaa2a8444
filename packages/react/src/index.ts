/**
 * @feedloop/react: thin React bindings over @feedloop/browser (react is a peer dependency, 18 or 19).
 */
export type { FeedloopApi } from './context.js';
export { FeedbackBar, type FeedbackBarProps } from './feedback-bar.js';
export { FeedloopProvider, type FeedloopProviderProps, useFeedloop } from './provider.js';
export { useFeedbackState } from './use-feedback-state.js';
