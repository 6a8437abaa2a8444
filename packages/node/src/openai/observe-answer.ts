/**
 * What happens when a `create` / `parse` call answers: a plain answer is logged at once; a stream
 * (`stream: true`) is tapped and logged when the caller has read it to its end, or left it.
 */
import type OpenAI from 'openai';
import { ChatChunks, chatOutcome, chatRequest } from './chat-completions.js';
import { type Api, logCall, type Observation, warn } from './log-call.js';
import { isRecord } from './message-content.js';
import { tapStream } from './observe-stream.js';
import { ResponseEvents, responseOutcome, responsesRequest } from './responses-api.js';

/** Background responses answer at once with no output yet; there is nothing to log. */
const PENDING = new Set(['queued', 'in_progress']);

function observeStream(api: Api, body: unknown, stream: unknown, started: number, observation: Observation): void {
  const request = api === 'chat' ? chatRequest(body) : responsesRequest(body);
  const collector = api === 'chat' ? new ChatChunks() : new ResponseEvents();
  let firstChunkMs: number | undefined;
  const tap = {
    onItem(item: unknown) {
      firstChunkMs ??= performance.now() - started;
      collector.add(item);
    },
    onEnd(complete: boolean) {
      const incomplete = !complete && !collector.finished;
      const latencyMs = performance.now() - started;
      logCall(observation, request, collector.outcome(), { latencyMs, firstChunkMs, incomplete });
    },
  };
  tapStream(stream, tap, warn);
}

export function onAnswer(api: Api, body: unknown, answer: unknown, started: number, observation: Observation): void {
  try {
    if (isRecord(body) && body.stream === true) {
      observeStream(api, body, answer, started, observation);
      return;
    }
    if (!isRecord(answer)) return;
    if (api === 'responses' && PENDING.has(String(answer.status))) return;
    const request = api === 'chat' ? chatRequest(body) : responsesRequest(body);
    const outcome =
      api === 'chat'
        ? chatOutcome(answer as unknown as OpenAI.Chat.Completions.ChatCompletion)
        : responseOutcome(answer as unknown as OpenAI.Responses.Response);
    logCall(observation, request, outcome, { latencyMs: performance.now() - started });
  } catch (error) {
    warn(error);
  }
}
