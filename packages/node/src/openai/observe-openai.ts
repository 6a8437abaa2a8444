/**
 * `observeOpenAI(client, feedloop, options)`: the same OpenAI client, except that every
 * `chat.completions.create` / `.parse` / `.stream` and `responses.create` / `.parse` / `.stream` call is
 * logged as an interaction once its answer is whole (for a stream, once the caller has read it). The
 * wrapper never changes what a call returns or throws, and a fault in logging is reported, never thrown.
 * `openai` is only a peer: nothing here imports it at run time.
 */
import { type InteractionLogger, mergeOptions, type OpenAICallOptions } from './call-options.js';
import type { Api, Observation } from './log-call.js';
import { onAnswer } from './observe-answer.js';
import { observeHelper } from './observe-helper.js';
import { observePromise } from './observe-promise.js';

/** What each proxy made here wraps, so wrapping a wrapped client merges options instead of logging twice. */
const WRAPPED = new WeakMap<object, { target: object; observation: Observation }>();

type Method = (...args: unknown[]) => unknown;

/** `create` / `parse`: the same call, its answer observed. */
function observedCall(method: Method, resource: object, api: Api, observation: Observation): Method {
  return (...args) => {
    const started = performance.now();
    const result = method.apply(resource, args);
    return observePromise(result, (answer) => onAnswer(api, args[0], answer, started, observation));
  };
}

/** `stream`: the same runner, its final answer observed. */
function observedHelper(method: Method, resource: object, api: Api, observation: Observation): Method {
  return (...args) => {
    const started = performance.now();
    const runner = method.apply(resource, args);
    observeHelper(api, args[0], runner, started, observation);
    return runner;
  };
}

type Overrides = Record<string, (value: unknown, owner: object) => unknown>;

/** A view of `target` where the named properties are replaced; everything else is the real thing. */
function withOverrides<T extends object>(target: T, overrides: Overrides): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      const override =
        typeof property === 'string' && Object.hasOwn(overrides, property) ? overrides[property] : undefined;
      if (override && (typeof value === 'object' || typeof value === 'function') && value !== null) {
        return override(value, object);
      }
      // The client's classes use private fields, which a proxy `this` cannot reach.
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

function callsOf(api: Api, observation: Observation): Overrides {
  const wrap = (observe: typeof observedCall) => (value: unknown, owner: object) =>
    typeof value === 'function' ? observe(value as Method, owner, api, observation) : value;
  return { create: wrap(observedCall), parse: wrap(observedCall), stream: wrap(observedHelper) };
}

/**
 * Wraps an official `openai` client so each chat completion and response is logged to Feedloop as an
 * interaction: input messages, output, model, token usage, latency; its id is the response id
 * (`chatcmpl-…` / `resp_…`) unless `interactionId` is given. Streams are logged when read to the end.
 * Pass per-call dimensions by wrapping again, which is cheap and never logs twice.
 * @example
 * const openai = observeOpenAI(new OpenAI(), feedloop, { feature: 'support-chat' });
 * const answer = await observeOpenAI(openai, feedloop, { tenant: 'acme', promptVersion: '12' })
 *   .chat.completions.create({ model: 'gpt-4o', messages });
 * // answer.id is the interaction id: hand it to the browser so feedback can name it.
 */
export function observeOpenAI<T extends object>(
  client: T,
  feedloop: InteractionLogger,
  options: OpenAICallOptions = {},
): T {
  const previous = WRAPPED.get(client);
  const target = (previous?.target ?? client) as T;
  const observation: Observation = {
    logger: feedloop,
    options: previous ? mergeOptions(previous.observation.options, options) : options,
  };
  const proxy = withOverrides(target, {
    chat: (chat) =>
      withOverrides(chat as object, {
        completions: (completions) => withOverrides(completions as object, callsOf('chat', observation)),
      }),
    responses: (responses) => withOverrides(responses as object, callsOf('responses', observation)),
  });
  WRAPPED.set(proxy, { target, observation });
  return proxy;
}
