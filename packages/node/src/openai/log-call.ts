/** The one place an observed call is handed to the logger; a fault here is reported, never thrown. */
import type { InteractionLogger, OpenAICallOptions } from './call-options.js';
import { type CallOutcome, type CallRequest, type CallTiming, callInteraction } from './call-outcome.js';

export type Api = 'chat' | 'responses';

/** Where a wrapped client logs, and with which options. */
export interface Observation {
  logger: InteractionLogger;
  options: OpenAICallOptions;
}

export const warn = (error: unknown) => console.warn('[feedloop] could not log an OpenAI call:', error);

export function logCall(observation: Observation, request: CallRequest, outcome: CallOutcome, timing: CallTiming) {
  try {
    observation.logger.logInteraction(callInteraction(request, outcome, observation.options, timing));
  } catch (error) {
    warn(error);
  }
}
