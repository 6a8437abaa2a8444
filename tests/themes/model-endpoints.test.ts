/**
 * The optional OpenAI-compatible model endpoints, spoken to over real HTTP.
 *
 * STAND-IN: the server below is a local stand-in for OpenAI / Ollama / vLLM / TEI / LM Studio, which cannot
 * run here. It listens on 127.0.0.1, answers `POST /v1/embeddings` and `POST /v1/chat/completions` in the
 * OpenAI shape (or with whatever failure a test queues), and records every request. No network is used.
 */
import {
  chatComplete,
  DEFAULT_TAXONOMY,
  embedTextsRemote,
  labelThemeWithLlm,
  MODEL_API_KEY_ENV,
  type ModelEndpoint,
  ModelEndpointError,
  mapThemeToTaxonomyWithLlm,
  modelEndpointsOf,
} from '@feedloop/services';
import { createProject, getProjectSettings, modelSettingsProblems, updateProjectSettings } from '@feedloop/store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import { StandInModelServer } from '../helpers/stand-in-model-server.js';

const KEY = 'sk-standin-secret-123';
const standIn = new StandInModelServer();
let endpoint: ModelEndpoint;

/** The rejection of `promise`, which must be a ModelEndpointError. */
async function failure(promise: Promise<unknown>): Promise<ModelEndpointError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelEndpointError);
  return error as ModelEndpointError;
}

beforeAll(async () => {
  endpoint = { baseUrl: await standIn.start(), model: 'embed-standin', apiKey: KEY };
});
afterEach(() => standIn.reset());
afterAll(() => standIn.close());

describe('embedTextsRemote', () => {
  it('posts the model and texts to {baseUrl}/embeddings with the key as a bearer token', async () => {
    const vectors = await embedTextsRemote(endpoint, ['broken link', 'too long']);
    expect(vectors).toEqual([
      [11, 0, 0.5],
      [8, 1, 0.5],
    ]);
    expect(standIn.requests).toHaveLength(1);
    const [request] = standIn.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/embeddings',
      body: { model: 'embed-standin', input: ['broken link', 'too long'] },
    });
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers['content-type']).toBe('application/json');

    await embedTextsRemote({ baseUrl: `${endpoint.baseUrl}/`, model: 'local' }, ['x y']);
    expect(standIn.requests[1]?.path).toBe('/v1/embeddings');
    expect(standIn.requests[1]?.headers.authorization).toBeUndefined();
  });

  it('sends 256 texts per request and returns the vectors in input order', async () => {
    const texts = Array.from({ length: 600 }, (_, i) => 'x'.repeat(1 + (i % 37)) + i);
    const vectors = await embedTextsRemote(endpoint, texts);
    expect(standIn.requests.map((r) => (r.body.input as string[]).length)).toEqual([256, 256, 88]);
    expect(vectors.map((v) => v[0])).toEqual(texts.map((t) => t.length));
    expect(standIn.requests[2]?.body.input).toEqual(texts.slice(512));
    expect(await embedTextsRemote(endpoint, [])).toEqual([]);
  });

  it('waits as long as Retry-After asks after a 429, then succeeds', async () => {
    standIn.queued.push({ status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'slow down' } } });
    const started = Date.now();
    const vectors = await embedTextsRemote(endpoint, ['retry me']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(vectors).toEqual([[8, 0, 0.5]]);
    expect(standIn.requests).toHaveLength(2);
  });

  it('retries a 5xx with a short backoff, and gives up after the retries allowed', async () => {
    standIn.queued.push({ status: 503, body: {} });
    expect(await embedTextsRemote(endpoint, ['again'])).toEqual([[5, 0, 0.5]]);
    expect(standIn.requests).toHaveLength(2);

    standIn.reset();
    for (let i = 0; i < 5; i++) standIn.queued.push({ status: 500, raw: 'upstream exploded' });
    const error = await failure(embedTextsRemote(endpoint, ['x'], { maxRetries: 2 }));
    expect(error).toMatchObject({ code: 'http', status: 500, url: `${endpoint.baseUrl}/embeddings` });
    expect(error.message).toContain('answered 500 after 3 attempts');
    expect(error.message).toContain('upstream exploded');
    expect(standIn.requests).toHaveLength(3);
  });

  it('fails at once when Retry-After asks for longer than it may wait', async () => {
    standIn.queued.push({ status: 429, headers: { 'retry-after': '120' }, body: {} });
    const started = Date.now();
    const error = await failure(embedTextsRemote(endpoint, ['x']));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ code: 'http', status: 429 });
    expect(error.message).toContain('retry after 120 s');
    expect(standIn.requests).toHaveLength(1);
  });

  it('does not retry a 4xx, and never shows the key, even when the server echoes it', async () => {
    standIn.queued.push({ status: 401, body: { error: { message: `invalid key Bearer ${KEY}` } } });
    const error = await failure(embedTextsRemote(endpoint, ['x']));
    expect(error).toMatchObject({ code: 'http', status: 401 });
    expect(standIn.requests).toHaveLength(1);
    expect(error.message).toContain(endpoint.baseUrl);
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain(KEY);
  });

  it('rejects an answer of the wrong shape with a typed error', async () => {
    const cases: Reply[] = [
      { raw: '<html>gateway</html>' },
      { body: { data: [{ index: 0, embedding: [1, 2] }] } },
      {
        body: {
          data: [
            { index: 0, embedding: [1] },
            { index: 0, embedding: [2] },
          ],
        },
      },
      {
        body: {
          data: [
            { index: 0, embedding: [1, 2] },
            { index: 1, embedding: ['a', 'b'] },
          ],
        },
      },
      {
        body: {
          data: [
            { index: 0, embedding: [1, 2] },
            { index: 1, embedding: [1, 2, 3] },
          ],
        },
      },
      { body: { embeddings: [[1], [2]] } },
    ];
    for (const reply of cases) {
      standIn.queued.push(reply);
      const error = await failure(embedTextsRemote(endpoint, ['one', 'two']));
      expect(error.code, JSON.stringify(reply)).toBe('malformed');
      expect(error.message).toContain('/v1/embeddings');
    }
  });

  it('times out a server that does not answer, without retrying', async () => {
    standIn.queued.push({ delayMs: 3000, body: {} });
    const started = Date.now();
    const error = await failure(embedTextsRemote(endpoint, ['x'], { timeoutMs: 200 }));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('200 ms');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(standIn.requests).toHaveLength(1);
  });

  it('names the endpoint when nothing listens there', async () => {
    const closed = new StandInModelServer();
    const baseUrl = await closed.start();
    await closed.close();
    const error = await failure(embedTextsRemote({ baseUrl, model: 'm' }, ['x'], { maxRetries: 1 }));
    expect(error).toMatchObject({ code: 'network', url: `${baseUrl}/embeddings` });
  });
});

describe('chatComplete and the theme helpers', () => {
  it('posts the model, messages and temperature 0, and returns the text', async () => {
    standIn.chatAnswer = 'Hello there';
    const chat = { ...endpoint, model: 'chat-standin' };
    const text = await chatComplete(chat, [{ role: 'user', content: 'Say hello' }]);
    expect(text).toBe('Hello there');
    expect(standIn.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      body: { model: 'chat-standin', messages: [{ role: 'user', content: 'Say hello' }], temperature: 0 },
    });
    standIn.queued.push({ body: { choices: [] } });
    expect((await failure(chatComplete(chat, [{ role: 'user', content: 'x' }]))).code).toBe('malformed');
    standIn.queued.push({ body: { choices: [{ message: { content: null } }] } });
    expect((await failure(chatComplete(chat, [{ role: 'user', content: 'x' }]))).code).toBe('malformed');
  });

  it('labels a theme in at most six words, from keywords and redacted examples', async () => {
    standIn.chatAnswer =
      '"Label: Broken links to cited sources in answers and footnotes."\nThese users complain about…';
    const label = await labelThemeWithLlm(endpoint, {
      keywords: ['link', 'broken', 'source'],
      examples: ['the source link is dead, write to jane.doe@example.com', 'citation 404'],
    });
    expect(label).toBe('Broken links to cited sources in');
    const prompt = JSON.stringify(standIn.requests[0]?.body.messages);
    expect(prompt).toContain('link, broken, source');
    expect(prompt).toContain('citation 404');
    expect(prompt).not.toContain('jane.doe@example.com');

    standIn.chatAnswer = '   \n  ';
    expect((await failure(labelThemeWithLlm(endpoint, { keywords: ['x'], examples: [] }))).code).toBe('malformed');
  });

  it('maps a theme onto one of the categories, and anything else onto other', async () => {
    const ask = (answer: string) => {
      standIn.chatAnswer = answer;
      return mapThemeToTaxonomyWithLlm(endpoint, {
        label: 'Dead links',
        examples: ['the link 404s'],
        categories: DEFAULT_TAXONOMY,
      });
    };
    expect(await ask('broken citations')).toBe('broken citations');
    expect(await ask('  "Broken Citations."  ')).toBe('broken citations');
    expect(await ask('Category: stale data')).toBe('stale data');
    expect(await ask('security')).toBe('other');
    expect(await ask('hallucination or stale data')).toBe('other');
    expect(await ask('other')).toBe('other');
    const prompt = JSON.stringify(standIn.requests[0]?.body.messages);
    for (const category of DEFAULT_TAXONOMY) expect(prompt).toContain(category.name);

    standIn.chatAnswer = 'Refunds';
    const custom = await mapThemeToTaxonomyWithLlm(endpoint, {
      label: 'money back',
      examples: [],
      categories: ['Refunds', 'Shipping'],
    });
    expect(custom).toBe('Refunds');
  });
});

describe('model settings', () => {
  it('takes the API key from the environment, never from settings', () => {
    const models = {
      embeddings: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text' },
      chat: { baseUrl: 'https://api.example.com/v1', model: 'small-chat' },
    };
    expect(modelEndpointsOf(models, { [MODEL_API_KEY_ENV]: KEY })).toEqual({
      embeddings: { ...models.embeddings, apiKey: KEY },
      chat: { ...models.chat, apiKey: KEY },
    });
    expect(modelEndpointsOf({ chat: models.chat }, {})).toEqual({ chat: models.chat });
  });

  it('accepts only http(s) URLs without credentials, and no key field', () => {
    expect(modelSettingsProblems({ chat: { baseUrl: 'http://localhost:1234/v1', model: 'm' } })).toEqual([]);
    const fields = (value: unknown) => modelSettingsProblems(value).map((p) => p.field);
    expect(fields({ chat: { baseUrl: 'ftp://host/v1', model: 'm' } })).toEqual(['models.chat.baseUrl']);
    expect(fields({ chat: { baseUrl: 'not a url', model: 'm' } })).toEqual(['models.chat.baseUrl']);
    expect(fields({ chat: { baseUrl: 'https://u:p@host/v1', model: 'm' } })).toEqual(['models.chat.baseUrl']);
    expect(fields({ embeddings: { baseUrl: 'https://host/v1', model: '' } })).toEqual(['models.embeddings.model']);
    expect(fields({ chat: { baseUrl: 'https://host/v1', model: 'm', apiKey: KEY } })).toEqual(['models.chat.apiKey']);
    expect(fields({ rerank: {} })).toEqual(['models.rerank']);
  });

  it('stores the endpoints in the project settings and refuses invalid ones', async () => {
    const [sqlite] = backends();
    if (!sqlite) throw new Error('no SQLite backend');
    const store = await sqlite.open();
    try {
      const { id } = await createProject(store.db, { name: 'models' });
      expect((await getProjectSettings(store.db, id))?.models).toEqual({});
      const chat = { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.2' };
      await updateProjectSettings(store.db, id, { models: { chat } });
      expect((await getProjectSettings(store.db, id))?.models).toEqual({ chat });
      await expect(
        updateProjectSettings(store.db, id, { models: { chat: { baseUrl: 'file:///etc/passwd', model: 'x' } } }),
      ).rejects.toThrow(/models\.chat\.baseUrl/);
      expect((await getProjectSettings(store.db, id))?.models).toEqual({ chat });
    } finally {
      await store.close();
    }
  });
});
