export {
  type AbuseReason,
  BOT_USER_AGENT,
  type FlagReason,
  isBotUserAgent,
  isVoteType,
  rateRuleBroken,
  VOTE_TYPES,
  type VoteEvent,
} from './abuse-rules.js';
export { type ScreeningOptions, type ScreeningReport, screenProject } from './screen-signals.js';
