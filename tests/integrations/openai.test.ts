/**
 * Auto-logging for the official `openai` npm client. The model provider cannot run here, so a STAND-IN
 * server speaks the Chat Completions and Responses APIs over real HTTP (plain JSON and server-sent event
 * streams, shaped like OpenAI's). The real `openai` client talks to it through `observeOpenAI`, and the
 * real Node SDK delivers the interactions to a real Feedloop server, where they are read back.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Feedloop } from '@feedloop/node';
import { getInteractionWithSignals } from '@feedloop/store';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observeOpenAI } from '../../packages/node/src/openai/index.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';

const CREATED = 1_763_632_800;

/** The stand-in's answer: it echoes the last user text, so each test can tell its answer apart. */
const answerTo = (text: string) => `You asked: ${text}`;
const words = (text: string) => text.split(/(?<= )/);

function lastUserText(body: Record<string, unknown>): string {
  if (typeof body.input === 'string') return body.input;
  const messages = (body.messages ?? body.input) as Array<{ role: string; content: unknown }>;
  const last = [...messages].reverse().find((m) => m.role === 'user');
  if (typeof last?.content === 'string') return last.content;
  const parts = (last?.content ?? []) as Array<{ text?: string }>;
  return parts.map((part) => part.text ?? '').join('');
}

function sse(res: ServerResponse, events: Array<{ event?: string; data: unknown }>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const { event, data } of events) {
    res.write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  }
  res.end();
}

function chatCompletions(body: Record<string, unknown>, n: number, res: ServerResponse): void {
  const id = `chatcmpl-standin-${n}`;
  const text = answerTo(lastUserText(body));
  const usage = { prompt_tokens: 25, completion_tokens: 7, total_tokens: 32 };
  const base = { id, created: CREATED, model: 'gpt-4o-2024-08-06', system_fingerprint: 'fp_standin' };
  if (body.stream !== true) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        ...base,
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: text, refusal: null },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage,
      }),
    );
    return;
  }
  const chunk = (delta: unknown, finish: string | null) => ({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  sse(res, [
    { data: chunk({ role: 'assistant', content: '' }, null) },
    ...words(text).map((w) => ({ data: chunk({ content: w }, null) })),
    { data: chunk({}, 'stop') },
    { data: { ...base, object: 'chat.completion.chunk', choices: [], usage } },
    { data: '[DONE]' },
  ]);
}

function responses(body: Record<string, unknown>, n: number, res: ServerResponse): void {
  const id = `resp_standin_${n}`;
  const text = answerTo(lastUserText(body));
  const response = (status: string, output: unknown[]) => ({
    id,
    object: 'response',
    created_at: CREATED,
    status,
    model: 'gpt-4o-mini-2024-07-18',
    instructions: body.instructions ?? null,
    output,
    usage:
      status === 'completed'
        ? {
            input_tokens: 18,
            output_tokens: 6,
            total_tokens: 24,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens_details: { reasoning_tokens: 0 },
          }
        : null,
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
  });
  const message = {
    type: 'message',
    id: `msg_${n}`,
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
  if (body.stream !== true) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response('completed', [message])));
    return;
  }
  let seq = 0;
  const event = (type: string, data: Record<string, unknown>) => ({
    event: type,
    data: { type, sequence_number: seq++, ...data },
  });
  const at = { item_id: `msg_${n}`, output_index: 0, content_index: 0 };
  const part = (partText: string) => ({ type: 'output_text', text: partText, annotations: [] });
  // The event sequence OpenAI sends: the item and its part are opened, filled by deltas, then closed.
  sse(res, [
    event('response.created', { response: response('in_progress', []) }),
    event('response.output_item.added', { output_index: 0, item: { ...message, status: 'in_progress', content: [] } }),
    event('response.content_part.added', { ...at, part: part('') }),
    ...words(text).map((delta) => event('response.output_text.delta', { ...at, delta, logprobs: [] })),
    event('response.output_text.done', { ...at, text, logprobs: [] }),
    event('response.content_part.done', { ...at, part: part(text) }),
    event('response.output_item.done', { output_index: 0, item: message }),
    event('response.completed', { response: response('completed', [message]) }),
  ]);
}

async function startStandIn(): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  let n = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8').on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      requests.push(`${req.method} ${req.url}${body.stream ? ' stream' : ''}`);
      n++;
      if (req.url === '/v1/chat/completions') chatCompletions(body, n, res);
      else if (req.url === '/v1/responses') responses(body, n, res);
      else res.writeHead(404).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

describe('observeOpenAI with the real openai client', () => {
  let fl: RunningFeedloop;
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  let feedloop: Feedloop;
  let openai: OpenAI;
  const deliveryErrors: unknown[] = [];

  beforeAll(async () => {
    fl = await startFeedloop();
    standIn = await startStandIn();
    feedloop = new Feedloop({ endpoint: fl.url, secretKey: fl.secretKey, onError: (e) => deliveryErrors.push(e) });
    openai = observeOpenAI(
      new OpenAI({ apiKey: 'sk-stand-in', baseURL: `${standIn.url}/v1`, maxRetries: 0 }),
      feedloop,
      { feature: 'support-chat' },
    );
  });
  afterAll(async () => {
    await feedloop.shutdown();
    await new Promise((resolve) => standIn.server.close(resolve));
    await fl.close();
  });

  const stored = async (id: string) => {
    await feedloop.flush();
    return (await getInteractionWithSignals(fl.store.db, fl.projectId, id))?.interaction;
  };

  it('logs a plain chat completion under its response id, with per-call dimensions', async () => {
    const perCall = observeOpenAI(openai, feedloop, {
      tenant: 'acme',
      promptTemplate: 'support',
      promptVersion: '12',
      sessionId: 's_1',
    });
    const completion = await perCall.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'How do I reset my password?' },
      ],
      user: 'u_1',
    });
    expect(completion.choices[0]?.message.content).toBe('You asked: How do I reset my password?');
    expect(await stored(completion.id)).toMatchObject({
      id: completion.id,
      sessionId: 's_1',
      userId: 'u_1',
      tenant: 'acme',
      feature: 'support-chat',
      promptTemplate: 'support',
      promptVersion: '12',
      model: 'gpt-4o',
      modelVersion: 'gpt-4o-2024-08-06',
      input: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'How do I reset my password?' },
      ],
      output: 'You asked: How do I reset my password?',
      tokensIn: 25,
      tokensOut: 7,
      metadata: { source: 'openai', api: 'chat.completions', finishReason: 'stop' },
    });
  });

  it('logs a streamed chat completion once the caller has read it to the end', async () => {
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Stream it please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let id = '';
    let text = '';
    for await (const chunk of stream) {
      id = chunk.id;
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toBe('You asked: Stream it please');
    const interaction = await stored(id);
    expect(interaction).toMatchObject({
      output: text,
      model: 'gpt-4o',
      modelVersion: 'gpt-4o-2024-08-06',
      tokensIn: 25,
      tokensOut: 7,
      feature: 'support-chat',
      input: [{ role: 'user', content: 'Stream it please' }],
      metadata: { api: 'chat.completions', stream: true, finishReason: 'stop' },
    });
    expect(interaction?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('logs a plain Responses API call, instructions as the system message', async () => {
    const response = await openai.responses.create({
      model: 'gpt-4o-mini',
      instructions: 'Be brief.',
      input: 'Hi there',
    });
    expect(response.output_text).toBe('You asked: Hi there');
    expect(await stored(response.id)).toMatchObject({
      model: 'gpt-4o-mini',
      modelVersion: 'gpt-4o-mini-2024-07-18',
      input: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi there' },
      ],
      output: 'You asked: Hi there',
      tokensIn: 18,
      tokensOut: 6,
      metadata: { api: 'responses', finishReason: 'completed' },
    });
  });

  it('logs a streamed Responses API call from its final event', async () => {
    const stream = await openai.responses.create({
      model: 'gpt-4o-mini',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'Stream a response' }] }],
      stream: true,
    });
    let id = '';
    let text = '';
    for await (const event of stream) {
      if (event.type === 'response.created') id = event.response.id;
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    expect(text).toBe('You asked: Stream a response');
    expect(await stored(id)).toMatchObject({
      input: [{ role: 'user', content: 'Stream a response' }],
      output: text,
      tokensOut: 6,
      metadata: { api: 'responses', stream: true, finishReason: 'completed' },
    });
  });

  it('logs the streaming helpers once they have the whole answer', async () => {
    const chat = openai.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Helper chat' }],
    });
    const completion = await chat.finalChatCompletion();
    expect(await stored(completion.id)).toMatchObject({
      output: 'You asked: Helper chat',
      metadata: { api: 'chat.completions', stream: true, finishReason: 'stop' },
    });
    const response = openai.responses.stream({ model: 'gpt-4o-mini', input: 'Helper response' });
    const final = await response.finalResponse();
    expect(await stored(final.id)).toMatchObject({
      output: 'You asked: Helper response',
      tokensIn: 18,
      metadata: { api: 'responses', stream: true, finishReason: 'completed' },
    });
  });

  it("leaves the client's own API intact: withResponse() and asResponse() still work", async () => {
    const { data, response } = await openai.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Raw?' }] })
      .withResponse();
    expect(response.status).toBe(200);
    expect((await stored(data.id))?.output).toBe('You asked: Raw?');
    const raw = await openai.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .asResponse();
    expect((await raw.json()).object).toBe('chat.completion');
  });

  it('logged each call exactly once, and the SDK delivered everything', async () => {
    await feedloop.flush();
    const rows = await fl.store.db.selectFrom('interactions').select(['id', 'feature']).execute();
    // asResponse() hands the raw body to the caller, so that call alone is not logged.
    expect(rows).toHaveLength(standIn.requests.length - 1);
    expect(rows.every((row) => row.feature === 'support-chat')).toBe(true);
    expect(deliveryErrors).toEqual([]);
  });
});
