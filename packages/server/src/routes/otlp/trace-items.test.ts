import { describe, expect, it } from 'vitest';
import { decodeTraces, type OtlpSpan } from './otlp-spans.js';
import { MAX_CONTEXT_DOCUMENTS, traceItems } from './trace-items.js';

const TRACE = '5b8efff798038103d269b633813fc60c';
const T0 = 1_763_632_800_000;

type Attr = string | number | boolean | string[];

function attribute(key: string, value: Attr) {
  if (Array.isArray(value)) return { key, value: { arrayValue: { values: value.map((v) => ({ stringValue: v })) } } };
  if (typeof value === 'string') return { key, value: { stringValue: value } };
  if (typeof value === 'boolean') return { key, value: { boolValue: value } };
  return { key, value: Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value } };
}

interface SpanSpec {
  spanId: string;
  parentSpanId?: string;
  startMs?: number;
  endMs?: number;
  attributes?: Record<string, Attr>;
  events?: Array<{ name: string; attributes?: Record<string, Attr> }>;
  traceId?: string;
}

/** Spans as the OTLP/JSON encoding carries them, read back through the decoder. */
function spans(...specs: SpanSpec[]): OtlpSpan[] {
  const nanos = (ms: number) => `${ms}000000`;
  const decoded = decodeTraces({
    resourceSpans: [
      {
        resource: { attributes: [attribute('service.name', 'support-bot')] },
        scopeSpans: [
          {
            spans: specs.map((s) => ({
              traceId: s.traceId ?? TRACE,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId ?? '',
              name: s.spanId,
              startTimeUnixNano: nanos(s.startMs ?? T0),
              endTimeUnixNano: nanos(s.endMs ?? T0 + 1000),
              attributes: Object.entries(s.attributes ?? {}).map(([k, v]) => attribute(k, v)),
              events: (s.events ?? []).map((e) => ({
                name: e.name,
                timeUnixNano: nanos(T0 + 2000),
                attributes: Object.entries(e.attributes ?? {}).map(([k, v]) => attribute(k, v)),
              })),
            })),
          },
        ],
      },
    ],
  });
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.issues));
  return decoded.spans;
}

const chatAttributes = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o',
  'gen_ai.response.model': 'gpt-4o-2024-08-06',
  'gen_ai.response.id': 'chatcmpl-1',
  'gen_ai.conversation.id': 'conv_1',
  'gen_ai.prompt.name': 'support',
  'gen_ai.prompt.version': '12',
  'gen_ai.usage.input_tokens': 31,
  'gen_ai.usage.output_tokens': 9,
  'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'Be brief.' }]),
  'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'Reset password?' }] }]),
  'gen_ai.output.messages': JSON.stringify([
    { role: 'assistant', parts: [{ type: 'text', content: 'Settings → Security.' }], finish_reason: 'stop' },
  ]),
};

describe('traceItems', () => {
  it('maps a GenAI chat span, with the retrieval before it as context', () => {
    const { items } = traceItems(
      spans(
        {
          spanId: 'aaaaaaaaaaaaaaa1',
          startMs: T0,
          endMs: T0 + 100,
          attributes: {
            'gen_ai.operation.name': 'retrieval',
            'gen_ai.data_source.id': 'kb',
            'gen_ai.retrieval.documents': JSON.stringify([
              { id: 'doc_7', score: 0.82, content: 'Reset from Settings' },
            ]),
          },
        },
        { spanId: 'aaaaaaaaaaaaaaa2', startMs: T0 + 100, endMs: T0 + 1300, attributes: chatAttributes },
        { spanId: 'aaaaaaaaaaaaaaa3', attributes: { 'http.request.method': 'POST' } },
      ),
    );
    expect(items).toHaveLength(1);
    expect(items[0]?.interaction).toEqual({
      id: 'chatcmpl-1',
      createdAt: new Date(T0 + 1300).toISOString(),
      sessionId: 'conv_1',
      model: 'gpt-4o',
      modelVersion: 'gpt-4o-2024-08-06',
      promptTemplate: 'support',
      promptVersion: '12',
      input: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Reset password?' },
      ],
      context: [{ id: 'doc_7', text: 'Reset from Settings', source: 'kb', score: 0.82 }],
      output: 'Settings → Security.',
      latencyMs: 1200,
      tokensIn: 31,
      tokensOut: 9,
      metadata: {
        source: 'otlp',
        traceId: TRACE,
        spanId: 'aaaaaaaaaaaaaaa2',
        spanName: 'aaaaaaaaaaaaaaa2',
        service: 'support-bot',
        operation: 'chat',
        provider: 'openai',
        responseId: 'chatcmpl-1',
        finishReasons: ['stop'],
      },
    });
  });

  it('reads the older names: gen_ai.system, prompt/completion tokens, per-message events', () => {
    const { items } = traceItems(
      spans({
        spanId: 'bbbbbbbbbbbbbbb1',
        attributes: {
          'gen_ai.system': 'openai',
          'gen_ai.request.model': 'gpt-4',
          'gen_ai.usage.prompt_tokens': 12,
          'gen_ai.usage.completion_tokens': 3,
        },
        events: [
          { name: 'gen_ai.system.message', attributes: { 'gen_ai.event.content': '{"content":"Be brief."}' } },
          { name: 'gen_ai.user.message', attributes: { content: 'Hello?' } },
          {
            name: 'gen_ai.choice',
            attributes: {
              'gen_ai.event.content':
                '{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Hi!"}}',
            },
          },
        ],
      }),
    );
    expect(items[0]?.interaction).toMatchObject({
      id: `${TRACE}:bbbbbbbbbbbbbbb1`,
      model: 'gpt-4',
      tokensIn: 12,
      tokensOut: 3,
      input: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello?' },
      ],
      output: 'Hi!',
      metadata: { provider: 'openai', finishReasons: ['stop'] },
    });
  });

  it("reads OpenLLMetry's flattened gen_ai.prompt.<i> / gen_ai.completion.<i> attributes", () => {
    const { items } = traceItems(
      spans({
        spanId: 'ccccccccccccccc1',
        attributes: {
          'llm.request.type': 'chat',
          'gen_ai.system': 'Anthropic',
          'gen_ai.request.model': 'claude-x',
          'gen_ai.prompt.0.role': 'system',
          'gen_ai.prompt.0.content': 'Be brief.',
          'gen_ai.prompt.1.role': 'user',
          'gen_ai.prompt.1.content': 'Hello?',
          'gen_ai.completion.0.role': 'assistant',
          'gen_ai.completion.0.content': 'Hi!',
          'gen_ai.completion.0.finish_reason': 'end_turn',
        },
      }),
    );
    expect(items[0]?.interaction).toMatchObject({
      input: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello?' },
      ],
      output: 'Hi!',
    });
  });

  it('lets the app choose the id with feedloop.interaction.id, and ignores ids the wire shape cannot hold', () => {
    const [chosen, invalid] = traceItems(
      spans(
        { spanId: 'ddddddddddddddd1', attributes: { ...chatAttributes, 'feedloop.interaction.id': 'msg_42' } },
        { spanId: 'ddddddddddddddd2', attributes: { ...chatAttributes, 'gen_ai.response.id': 'has spaces' } },
      ),
    ).items;
    expect(chosen?.interaction?.id).toBe('msg_42');
    expect(invalid?.interaction?.id).toBe(`${TRACE}:ddddddddddddddd2`);
  });

  it('does not lend documents across traces, nor from retrievals that started after the answer', () => {
    const docs = JSON.stringify([{ id: 'late', score: 1 }]);
    const { items } = traceItems(
      spans(
        { spanId: 'eeeeeeeeeeeeeee1', startMs: T0, endMs: T0 + 10, attributes: chatAttributes },
        { spanId: 'eeeeeeeeeeeeeee2', startMs: T0 + 20, attributes: { 'gen_ai.retrieval.documents': docs } },
        {
          spanId: 'eeeeeeeeeeeeeee3',
          traceId: '0af7651916cd43dd8448eb211c80319c',
          startMs: T0 - 10,
          attributes: { 'gen_ai.operation.name': 'retrieval', 'gen_ai.retrieval.documents': docs },
        },
      ),
    );
    expect(items[0]?.interaction?.context).toBeUndefined();
  });

  it('gives a model call at most MAX_CONTEXT_DOCUMENTS documents, earliest retrievals first', () => {
    const docs = (prefix: string) =>
      JSON.stringify(Array.from({ length: 60 }, (_, i) => ({ id: `${prefix}${i}`, score: 1 })));
    const { items } = traceItems(
      spans(
        { spanId: '2222222222222222', startMs: T0 + 5, attributes: { 'gen_ai.retrieval.documents': docs('b') } },
        { spanId: '2222222222222221', startMs: T0, attributes: { 'gen_ai.retrieval.documents': docs('a') } },
        { spanId: '2222222222222223', startMs: T0 + 10, endMs: T0 + 50, attributes: chatAttributes },
      ),
    );
    const context = items[0]?.interaction?.context as Array<{ id: string }>;
    expect(context).toHaveLength(MAX_CONTEXT_DOCUMENTS);
    expect(context[0]?.id).toBe('a0');
    expect(context[60]?.id).toBe('b0');
  });

  it('turns gen_ai.evaluation.result events into signals on the evaluated interaction', () => {
    const { items } = traceItems(
      spans(
        {
          spanId: 'fffffffffffffff1',
          attributes: chatAttributes,
          events: [
            {
              name: 'gen_ai.evaluation.result',
              attributes: {
                'gen_ai.evaluation.name': 'Relevance',
                'gen_ai.evaluation.score.value': 0.9,
                'gen_ai.evaluation.score.label': 'relevant',
              },
            },
          ],
        },
        {
          spanId: 'fffffffffffffff2',
          attributes: { 'gen_ai.operation.name': 'invoke_agent' },
          events: [
            {
              name: 'gen_ai.evaluation.result',
              attributes: {
                'gen_ai.evaluation.name': 'Intent Resolution',
                'gen_ai.evaluation.score.label': 'pass',
                'gen_ai.response.id': 'chatcmpl-9',
              },
            },
            { name: 'gen_ai.evaluation.result', attributes: { 'gen_ai.evaluation.name': 'Orphan' } },
          ],
        },
      ),
    );
    expect(items[0]?.signals).toEqual([
      {
        id: `${TRACE}:fffffffffffffff1:eval:0`,
        interactionId: 'chatcmpl-1',
        kind: 'outcome',
        type: 'eval:relevance',
        value: 0.9,
        createdAt: new Date(T0 + 2000).toISOString(),
        metadata: { source: 'otlp', evaluation: 'Relevance', traceId: TRACE, label: 'relevant' },
      },
    ]);
    expect(items[1]?.signals).toMatchObject([
      { interactionId: 'chatcmpl-9', type: 'eval:intent-resolution', value: 'pass' },
    ]);
    expect(items[1]?.problems).toEqual([expect.stringMatching(/event 1 names no interaction/)]);
  });

  it('warns about retrieval documents that had no model call to go to', () => {
    const { items, warnings } = traceItems(
      spans({ spanId: '1111111111111111', attributes: { 'gen_ai.retrieval.documents': '[{"id":"d","score":1}]' } }),
    );
    expect(items).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/batch span processor/)]);
  });
});
