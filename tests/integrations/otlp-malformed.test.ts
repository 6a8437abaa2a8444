/**
 * A malformed OTLP export never causes a 5xx. Random bodies shaped like OTLP/JSON — every field either
 * valid or replaced by arbitrary JSON, GenAI attributes holding arbitrary (JSON) text — must be answered
 * 200 (with partial success when some GenAI span could not be stored) or 400 with an error code and a
 * message naming the field.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';

const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
const anyJson = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown>;

const GENAI_KEYS = [
  'gen_ai.operation.name',
  'gen_ai.provider.name',
  'gen_ai.system',
  'gen_ai.request.model',
  'gen_ai.response.id',
  'gen_ai.conversation.id',
  'gen_ai.usage.input_tokens',
  'gen_ai.usage.prompt_tokens',
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'gen_ai.retrieval.documents',
  'gen_ai.prompt',
  'gen_ai.prompt.0.content',
  'gen_ai.completion.0.content',
  'gen_ai.event.content',
  'gen_ai.evaluation.name',
  'gen_ai.evaluation.score.value',
  'feedloop.interaction.id',
];

/** Message-like JSON text, so the GenAI readers see both plausible and broken structures. */
const messagesText = fc
  .array(
    fc.record({
      role: fc.oneof(fc.constantFrom('user', 'assistant', 'tool'), anyJson),
      parts: fc.oneof(
        fc.array(
          fc.record({
            type: fc.constantFrom('text', 'tool_call', 'tool_call_response', 'reasoning', 'uri'),
            content: fc.oneof(fc.string(), anyJson),
            id: fc.oneof(fc.string(), anyJson),
            arguments: anyJson,
          }),
          { maxLength: 3 },
        ),
        anyJson,
      ),
    }),
    { maxLength: 3 },
  )
  .map((v) => JSON.stringify(v));

/**
 * An export request shaped like OTLP/JSON where each field is garbage (arbitrary JSON) one time in
 * `1 + clean`: a clean body exercises the mapping, a dirty one the decoder.
 */
function otlpBody(clean: number) {
  const maybe = <T>(valid: fc.Arbitrary<T>) =>
    clean === Number.POSITIVE_INFINITY
      ? (valid as fc.Arbitrary<unknown>)
      : fc.oneof({ weight: clean, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: anyJson });
  const { anyValue } = fc.letrec((tie) => ({
    anyValue: fc.oneof(
      { depthSize: 'small' },
      fc.record({
        stringValue: maybe(fc.oneof(fc.string(), fc.json(), messagesText, fc.constantFrom('chat', 'retrieval'))),
      }),
      fc.record({
        intValue: maybe(fc.oneof(fc.integer(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String))),
      }),
      fc.record({ doubleValue: maybe(fc.double({ noNaN: true, noDefaultInfinity: true })) }),
      fc.record({ boolValue: maybe(fc.boolean()) }),
      fc.record({ arrayValue: maybe(fc.record({ values: fc.array(tie('anyValue'), { maxLength: 3 }) })) }),
      fc.record({ kvlistValue: maybe(fc.record({ values: fc.array(tie('keyValue'), { maxLength: 3 }) })) }),
      fc.constant({}),
    ),
    keyValue: maybe(fc.record({ key: maybe(fc.constantFrom(...GENAI_KEYS)), value: tie('anyValue') })),
  }));
  const attributes = maybe(
    fc.array(maybe(fc.record({ key: fc.constantFrom(...GENAI_KEYS), value: anyValue })), { maxLength: 6 }),
  );
  const nanos = maybe(fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 19n }).map(String), fc.nat()));
  const event = maybe(
    fc.record({
      name: maybe(fc.constantFrom('gen_ai.evaluation.result', 'gen_ai.user.message', 'gen_ai.choice', 'x')),
      timeUnixNano: nanos,
      attributes,
    }),
  );
  const span = maybe(
    fc.record({
      traceId: maybe(fc.oneof(hex(32), fc.constant('4bf92f3577b34da6a3ce929d0e0e4736'))),
      spanId: maybe(hex(16)),
      parentSpanId: maybe(fc.oneof(hex(16), fc.constant(''))),
      name: maybe(fc.string()),
      startTimeUnixNano: nanos,
      endTimeUnixNano: nanos,
      attributes,
      events: maybe(fc.array(event, { maxLength: 3 })),
      status: maybe(fc.record({ code: fc.integer({ min: 0, max: 2 }) })),
    }),
  );
  const scopeSpans = maybe(fc.record({ spans: maybe(fc.array(span, { maxLength: 4 })) }));
  const resourceSpans = maybe(
    fc.record({
      resource: maybe(fc.record({ attributes })),
      scopeSpans: maybe(fc.array(scopeSpans, { maxLength: 2 })),
    }),
  );
  return fc.record({ resourceSpans: maybe(fc.array(resourceSpans, { maxLength: 2 })) }).map((v) => JSON.stringify(v));
}

const body = fc.oneof(
  { weight: 3, arbitrary: otlpBody(Number.POSITIVE_INFINITY) },
  { weight: 3, arbitrary: otlpBody(15) },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string() },
);

describe('malformed OTLP exports', () => {
  let fl: RunningFeedloop;
  beforeAll(async () => {
    fl = await startFeedloop({ listen: false, config: { secretKeyRateLimit: 0 } });
  });
  afterAll(() => fl.close());

  const post = (payload: string) =>
    fl.app.inject({
      method: 'POST',
      url: '/v1/traces',
      payload,
      headers: { authorization: `Bearer ${fl.secretKey}`, 'content-type': 'application/json' },
    });

  it('answers every body 200 or 400 with a named field, never 5xx', async () => {
    let rejected = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const res = await post(payload);
        expect([200, 400], `${payload.slice(0, 300)} -> ${res.statusCode} ${res.body}`).toContain(res.statusCode);
        const answer = res.json();
        if (res.statusCode === 400) {
          rejected++;
          expect(answer.error.code).toBe('FL_VALIDATION');
          expect(answer.error.message.length).toBeGreaterThan(10);
          expect(answer.error.errors[0].field).toMatch(/^(body|resourceSpans)/);
        } else {
          accepted++;
          expect(Object.keys(answer).every((key) => key === 'partialSuccess')).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    // Both answers were exercised, and some random spans went all the way into the store.
    expect(rejected).toBeGreaterThan(20);
    expect(accepted).toBeGreaterThan(20);
    const stored = await fl.store.db.selectFrom('interactions').select('id').execute();
    expect(stored.length).toBeGreaterThan(0);
  });

  it.each([
    ['a list', '[]', 'body'],
    ['resourceSpans not a list', '{"resourceSpans":{}}', 'resourceSpans'],
    [
      'a base64 trace id',
      '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"S/kvNXezTaajzpKdDg5HNg==","spanId":"00f067aa0ba902b7"}]}]}]}',
      'resourceSpans[0].scopeSpans[0].spans[0].traceId',
    ],
    [
      'an intValue that is not an integer',
      '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","attributes":[{"key":"gen_ai.usage.input_tokens","value":{"intValue":"12.5"}}]}]}]}]}',
      'resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value.intValue',
    ],
  ])('answers %s with 400 naming the field', async (_case, payload, field) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors[0].field).toBe(field);
    expect(res.json().error.message).toContain(field);
  });

  it('answers a JSON syntax error with 400', async () => {
    const res = await post('{"resourceSpans": [');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('FL_VALIDATION');
  });
});
