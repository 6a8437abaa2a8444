/**
 * The client's streaming helpers (`chat.completions.stream()`, `responses.stream()`) return a runner that
 * assembles the final answer itself and announces it as an event; listening to that event (never to
 * `error`, which would hide failures the app must see) is enough to log the call once it is whole.
 */
import type OpenAI from 'openai';
import { chatOutcome, chatRequest } from './chat-completions.js';
import { type Api, logCall, type Observation, warn } from './log-call.js';
import { isRecord } from './message-content.js';
import { responseOutcome, responsesRequest } from './responses-api.js';

/** The event that carries the whole answer, per API. */
const FINAL_EVENT: Readonly<Record<Api, string>> = { chat: 'finalChatCompletion', responses: 'response.completed' };

interface Runner {
  on(event: string, listener: (payload: unknown) => void): unknown;
}

const isRunner = (value: unknown): value is Runner =>
  typeof value === 'object' && value !== null && typeof (value as { on?: unknown }).on === 'function';

export function observeHelper(api: Api, body: unknown, runner: unknown, started: number, observation: Observation) {
  if (!isRunner(runner)) return;
  // The helpers always stream, whatever the body says.
  const streamed = { ...(isRecord(body) ? body : {}), stream: true };
  runner.on(FINAL_EVENT[api], (payload) => {
    try {
      const latency = { latencyMs: performance.now() - started };
      if (api === 'chat') {
        const completion = payload as OpenAI.Chat.Completions.ChatCompletion;
        logCall(observation, chatRequest(streamed), chatOutcome(completion), latency);
      } else if (isRecord(payload) && isRecord(payload.response)) {
        const response = payload.response as unknown as OpenAI.Responses.Response;
        logCall(observation, responsesRequest(streamed), responseOutcome(response), latency);
      }
    } catch (error) {
      warn(error);
    }
  });
}
