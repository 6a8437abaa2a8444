/**
 * Optional OpenAI-compatible model endpoints for themes (OpenAI, Ollama, vLLM, TEI, LM Studio all speak
 * this shape): `POST {baseUrl}/embeddings` for better embeddings, `POST {baseUrl}/chat/completions` for
 * theme labels and taxonomy mapping. Nothing here runs unless a project configures an endpoint; the
 * built-in offline embeddings and labels stay the default.
 *
 * Every call has a timeout, retries a few times on 429 and 5xx (honouring `Retry-After`, within a bound),
 * checks the answer's shape, and fails with a `ModelEndpointError` naming the URL and status — never the
 * API key, which is read from the environment and never stored.
 */
import { createRedactor } from '@feedloop/core';
import type { ModelSettings } from '@feedloop/store';
import { OTHER, type TaxonomyCategory } from './taxonomy.js';

/**
 * An endpoint to call: the API root (`…/v1`), the model, and the key sent as `Authorization: Bearer`.
 * @example const endpoint: ModelEndpoint = { baseUrl: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text' };
 */
export interface ModelEndpoint {
  baseUrl: string;
  model: string;
  apiKey?: string;
}

export interface ModelCallOptions {
  /** Per request (default 30 s). A timed-out request is not retried. */
  timeoutMs?: number;
  /** Retries after a 429, a 5xx or a failed connection (default 3). */
  maxRetries?: number;
  /** The longest wait before a retry; a `Retry-After` asking for more fails at once (default 20 s). */
  maxRetryDelayMs?: number;
}

export interface EmbedOptions extends ModelCallOptions {
  /** Texts per request (default 256). */
  batchSize?: number;
}

export interface ModelChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The environment variable the API key of every model endpoint is read from. */
export const MODEL_API_KEY_ENV = 'FEEDLOOP_MODEL_API_KEY';

export type ModelEndpointErrorCode = 'http' | 'timeout' | 'network' | 'malformed';

/**
 * A model endpoint call that failed: `code` says how, `url` which endpoint (without credentials), and
 * `status` the last HTTP status when there was one.
 * @example if (error instanceof ModelEndpointError && error.code === 'timeout') useBuiltInLabels();
 */
export class ModelEndpointError extends Error {
  override readonly name = 'ModelEndpointError';

  constructor(
    readonly code: ModelEndpointErrorCode,
    readonly url: string,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const DEFAULTS = { timeoutMs: 30_000, maxRetries: 3, maxRetryDelayMs: 20_000, batchSize: 256 };
const BACKOFF_BASE_MS = 250;
const EXCERPT_CHARS = 200;

/** `{baseUrl}/{path}` without credentials, for requests and for messages alike. */
function endpointUrl(baseUrl: string, path: string): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/${path}`);
  url.username = '';
  url.password = '';
  return url.toString();
}

/** Milliseconds a 429/503 asks to wait: `retry-after-ms` (OpenAI), else `Retry-After` seconds or date. */
function retryAfterMs(headers: Headers): number | undefined {
  const ms = Number(headers.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

const backoffMs = (attempt: number, cap: number) =>
  Math.min(cap, BACKOFF_BASE_MS * 2 ** attempt) * (0.5 + Math.random() / 2);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function excerpt(text: string, apiKey: string | undefined): string {
  const shown = apiKey ? text.split(apiKey).join('[key]') : text;
  const clipped = shown.length > EXCERPT_CHARS ? `${shown.slice(0, EXCERPT_CHARS)}…` : shown;
  return clipped.replace(/\s+/g, ' ').trim();
}

const isTimeout = (error: unknown) =>
  error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');

/** POSTs JSON, retrying what a retry can fix, and returns the parsed answer. */
async function postJson(
  endpoint: ModelEndpoint,
  path: string,
  body: unknown,
  options: ModelCallOptions,
): Promise<unknown> {
  const url = endpointUrl(endpoint.baseUrl, path);
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxRetries = options.maxRetries ?? DEFAULTS.maxRetries;
  const maxDelay = options.maxRetryDelayMs ?? DEFAULTS.maxRetryDelayMs;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
  const payload = JSON.stringify(body);
  for (let attempt = 0; ; attempt++) {
    const tries = `${attempt + 1} attempt${attempt === 0 ? '' : 's'}`;
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      if (isTimeout(error)) {
        throw new ModelEndpointError('timeout', url, `POST ${url} did not answer within ${timeoutMs} ms`, undefined, {
          cause: error,
        });
      }
      if (attempt < maxRetries) {
        await sleep(backoffMs(attempt, maxDelay));
        continue;
      }
      const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
      throw new ModelEndpointError('network', url, `POST ${url} failed after ${tries}: ${reason}`, undefined, {
        cause: error,
      });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      const code = isTimeout(error) ? 'timeout' : 'network';
      throw new ModelEndpointError(code, url, `POST ${url}: the answer broke off`, response.status, { cause: error });
    }
    if (response.ok) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new ModelEndpointError(
          'malformed',
          url,
          `POST ${url} answered ${response.status} with no JSON: ${excerpt(text, endpoint.apiKey)}`,
          response.status,
        );
      }
    }
    const retryable = response.status === 429 || response.status >= 500;
    const asked = retryAfterMs(response.headers);
    const message = `POST ${url} answered ${response.status} after ${tries}: ${excerpt(text, endpoint.apiKey)}`;
    if (!retryable || attempt >= maxRetries) throw new ModelEndpointError('http', url, message, response.status);
    if (asked !== undefined && asked > maxDelay) {
      throw new ModelEndpointError(
        'http',
        url,
        `${message} (asked to retry after ${Math.ceil(asked / 1000)} s, longer than the ${Math.ceil(maxDelay / 1000)} s allowed)`,
        response.status,
      );
    }
    await sleep(asked ?? backoffMs(attempt, maxDelay));
  }
}

const malformed = (endpoint: ModelEndpoint, path: string, reason: string) =>
  new ModelEndpointError(
    'malformed',
    endpointUrl(endpoint.baseUrl, path),
    `${endpointUrl(endpoint.baseUrl, path)}: ${reason}`,
  );

function embeddingsOf(answer: unknown, count: number, endpoint: ModelEndpoint): number[][] {
  const data = (answer as { data?: unknown } | null)?.data;
  if (!Array.isArray(data) || data.length !== count) {
    throw malformed(endpoint, 'embeddings', `expected \`data\` with ${count} embeddings`);
  }
  const out: number[][] = new Array(count);
  for (const item of data) {
    const { index, embedding } = (item ?? {}) as { index?: unknown; embedding?: unknown };
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count || out[index]) {
      throw malformed(endpoint, 'embeddings', `expected each of the ${count} indexes 0–${count - 1} once`);
    }
    if (!Array.isArray(embedding) || embedding.length === 0 || !embedding.every((x) => Number.isFinite(x))) {
      throw malformed(endpoint, 'embeddings', `embedding ${index} is not a list of numbers`);
    }
    out[index] = embedding as number[];
  }
  return out;
}

/**
 * Embeds texts with an OpenAI-compatible `/embeddings` endpoint, in batches, returning one vector per
 * text in the order given. The texts are sent as they are: redact first if the endpoint is not yours.
 * @example const vectors = await embedTextsRemote({ baseUrl: 'http://127.0.0.1:8080/v1', model: 'bge-small' }, ['broken link']);
 */
export async function embedTextsRemote(
  endpoint: ModelEndpoint,
  texts: readonly string[],
  options: EmbedOptions = {},
): Promise<number[][]> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULTS.batchSize);
  const out: number[][] = [];
  let dimensions: number | undefined;
  for (let i = 0; i < texts.length; i += batchSize) {
    const input = texts.slice(i, i + batchSize);
    const answer = await postJson(endpoint, 'embeddings', { model: endpoint.model, input }, options);
    for (const vector of embeddingsOf(answer, input.length, endpoint)) {
      dimensions ??= vector.length;
      if (vector.length !== dimensions) {
        throw malformed(endpoint, 'embeddings', `embeddings of ${dimensions} and ${vector.length} dimensions`);
      }
      out.push(vector);
    }
  }
  return out;
}

/**
 * One deterministic (temperature 0) chat completion; returns the answer's text.
 * @example const text = await chatComplete(endpoint, [{ role: 'user', content: 'Say hi' }]);
 */
export async function chatComplete(
  endpoint: ModelEndpoint,
  messages: readonly ModelChatMessage[],
  options: ModelCallOptions = {},
): Promise<string> {
  const answer = await postJson(
    endpoint,
    'chat/completions',
    { model: endpoint.model, messages, temperature: 0 },
    options,
  );
  const choices = (answer as { choices?: unknown } | null)?.choices;
  const content = Array.isArray(choices)
    ? (choices[0] as { message?: { content?: unknown } } | undefined)?.message?.content
    : undefined;
  if (typeof content !== 'string') {
    throw malformed(endpoint, 'chat/completions', 'expected `choices[0].message.content` to be text');
  }
  return content;
}

const MAX_EXAMPLES = 8;
const MAX_EXAMPLE_CHARS = 400;
const MAX_LABEL_WORDS = 6;

/** A few examples, shortened and with personal data replaced, as a numbered list for a prompt. */
function exampleList(examples: readonly string[]): string {
  const picked = examples.slice(0, MAX_EXAMPLES).map((e) => e.replace(/\s+/g, ' ').trim().slice(0, MAX_EXAMPLE_CHARS));
  const { texts } = createRedactor().redactRecord(picked);
  return texts.map((t, i) => `${i + 1}. ${t}`).join('\n');
}

const unquoted = (text: string) => text.replace(/^[\s"'`*“”‘’]+|[\s"'`*“”‘’.!,;:]+$/g, '');

/** The label in an answer: its first line, without a "Label:" lead-in, quotes or a closing full stop. */
function cleanLabel(answer: string): string {
  const line = answer.split('\n').find((l) => l.trim() !== '') ?? '';
  const words = unquoted(unquoted(line).replace(/^(theme\s+)?label\s*:\s*/i, ''))
    .split(/\s+/)
    .filter((w) => w !== '');
  return unquoted(words.slice(0, MAX_LABEL_WORDS).join(' '));
}

/**
 * A short (at most six words) label for a theme, from its distinctive keywords and a few example texts
 * (redacted before they are sent).
 * @example await labelThemeWithLlm(chat, { keywords: ['link', 'broken'], examples: ['the link is dead'] }) // 'Broken links in answers'
 */
export async function labelThemeWithLlm(
  endpoint: ModelEndpoint,
  theme: { keywords: readonly string[]; examples: readonly string[] },
  options: ModelCallOptions = {},
): Promise<string> {
  const answer = await chatComplete(
    endpoint,
    [
      {
        role: 'system',
        content:
          "You name groups of user feedback about an AI assistant's answers. Reply with only a label of at most " +
          `${MAX_LABEL_WORDS} words saying what the users complain about: no quotes, no explanation.`,
      },
      {
        role: 'user',
        content: `Distinctive keywords: ${theme.keywords.join(', ')}\n\nExamples:\n${exampleList(theme.examples)}`,
      },
    ],
    options,
  );
  const label = cleanLabel(answer);
  if (label === '') throw malformed(endpoint, 'chat/completions', 'the answer holds no label');
  return label;
}

const comparable = (text: string) =>
  unquoted(unquoted(text.toLowerCase()).replace(/^category\s*:\s*/, '')).replace(/\s+/g, ' ');

/**
 * Which taxonomy category a theme belongs to, asked of a chat model: one of the category names exactly
 * as given, or `other` when the model names none of them (or several).
 * @example await mapThemeToTaxonomyWithLlm(chat, { label: 'Dead links', examples, categories: DEFAULT_TAXONOMY }) // 'broken citations'
 */
export async function mapThemeToTaxonomyWithLlm(
  endpoint: ModelEndpoint,
  theme: { label: string; examples: readonly string[]; categories: ReadonlyArray<string | TaxonomyCategory> },
  options: ModelCallOptions = {},
): Promise<string> {
  const categories = theme.categories.map((c) => (typeof c === 'string' ? { name: c, keywords: [] } : c));
  const list = categories
    .map((c) => `- ${c.name}${c.keywords.length > 0 ? ` (e.g. ${c.keywords.slice(0, 6).join(', ')})` : ''}`)
    .join('\n');
  const answer = await chatComplete(
    endpoint,
    [
      {
        role: 'system',
        content:
          'You sort a theme of user feedback about AI answers into one category of a fixed list. Reply with ' +
          `exactly one category name from the list, or "${OTHER}" when none fits. No explanation.`,
      },
      {
        role: 'user',
        content: `Theme: ${theme.label}\n\nExamples:\n${exampleList(theme.examples)}\n\nCategories:\n${list}\n- ${OTHER}`,
      },
    ],
    options,
  );
  const said = comparable(answer.split('\n').find((l) => l.trim() !== '') ?? '');
  const exact = categories.find((c) => comparable(c.name) === said);
  if (exact) return exact.name;
  const mentioned = categories.filter((c) =>
    new RegExp(`(^|\\W)${escapeRegExp(comparable(c.name))}($|\\W)`).test(said),
  );
  return mentioned.length === 1 && mentioned[0] ? mentioned[0].name : OTHER;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The endpoints a project configured, with the API key from the environment (`FEEDLOOP_MODEL_API_KEY`);
 * an endpoint left out means "use the built-in one".
 * @example const { chat } = modelEndpointsOf((await getProjectSettings(db, projectId))?.models ?? {});
 */
export function modelEndpointsOf(
  models: ModelSettings,
  env: Readonly<Record<string, string | undefined>> = process.env,
): { embeddings?: ModelEndpoint; chat?: ModelEndpoint } {
  const apiKey = env[MODEL_API_KEY_ENV]?.trim() || undefined;
  const withKey = (s: { baseUrl: string; model: string }): ModelEndpoint =>
    apiKey === undefined ? { baseUrl: s.baseUrl, model: s.model } : { baseUrl: s.baseUrl, model: s.model, apiKey };
  return {
    ...(models.embeddings ? { embeddings: withKey(models.embeddings) } : {}),
    ...(models.chat ? { chat: withKey(models.chat) } : {}),
  };
}
