/**
 * `POST /v1/traces` as exporters and Collectors speak to it: the real OpenTelemetry SDK with the older
 * attribute names and span events that instrumentation libraries still emit, evaluation events becoming
 * signals, gzip bodies, protobuf refused with a way out, OTLP partial success, and idempotent re-sends.
 */
import { gzipSync } from 'node:zlib';
import { getInteractionWithSignals } from '@feedloop/store';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const NANOS = '1763632800000000000';

/** One span in the OTLP/JSON encoding, with string attributes. */
function request(spans: Array<{ spanId: string; attributes: Record<string, string> }>) {
  return {
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: spans.map(({ spanId, attributes }) => ({
              traceId: TRACE,
              spanId,
              name: 'chat',
              startTimeUnixNano: NANOS,
              endTimeUnixNano: NANOS,
              attributes: Object.entries(attributes).map(([key, value]) => ({ key, value: { stringValue: value } })),
            })),
          },
        ],
      },
    ],
  };
}

describe.each(backends().map((backend) => ({ backend, name: backend.name })))(
  'POST /v1/traces ($name)',
  ({ backend }) => {
    let fl: RunningFeedloop;
    beforeAll(async () => {
      fl = await startFeedloop({ backend });
    });
    afterAll(() => fl.close());

    const send = (body: string | Buffer, headers: Record<string, string> = {}, key = fl.secretKey) =>
      fetch(`${fl.url}/v1/traces`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
        body,
      });

    it('reads the older names and per-message events, and stores evaluation events as signals', async () => {
      const exporter = new OTLPTraceExporter({
        url: `${fl.url}/v1/traces`,
        headers: { Authorization: `Bearer ${fl.secretKey}` },
      });
      const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
      const tracer = provider.getTracer('legacy-instrumentation');
      const span = tracer.startSpan('openai.chat', {
        attributes: {
          'gen_ai.system': 'openai',
          'gen_ai.request.model': 'gpt-4',
          'gen_ai.usage.prompt_tokens': 21,
          'gen_ai.usage.completion_tokens': 5,
          'session.id': 's_legacy',
        },
      });
      span.addEvent('gen_ai.system.message', { 'gen_ai.event.content': JSON.stringify({ content: 'Be brief.' }) });
      span.addEvent('gen_ai.user.message', { 'gen_ai.event.content': JSON.stringify({ content: 'Hello?' }) });
      span.addEvent('gen_ai.choice', {
        'gen_ai.event.content': JSON.stringify({
          index: 0,
          finish_reason: 'stop',
          message: { role: 'assistant', content: 'Hi there!' },
        }),
      });
      span.addEvent('gen_ai.evaluation.result', {
        'gen_ai.evaluation.name': 'Relevance',
        'gen_ai.evaluation.score.value': 0.25,
        'gen_ai.evaluation.explanation': 'Ignores the question.',
      });
      span.end();
      // An evaluation recorded later, elsewhere, naming the response it judged.
      const judge = tracer.startSpan('evaluate', {}, trace.setSpan(ROOT_CONTEXT, span));
      judge.addEvent('gen_ai.evaluation.result', {
        'gen_ai.evaluation.name': 'Groundedness',
        'gen_ai.evaluation.score.label': 'fail',
      });
      judge.end();
      await provider.forceFlush();
      await provider.shutdown();

      const { traceId, spanId } = span.spanContext();
      const id = `${traceId}:${spanId}`;
      const found = await getInteractionWithSignals(fl.store.db, fl.projectId, id);
      expect(found?.interaction).toMatchObject({
        id,
        sessionId: 's_legacy',
        model: 'gpt-4',
        tokensIn: 21,
        tokensOut: 5,
        input: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello?' },
        ],
        output: 'Hi there!',
        metadata: { provider: 'openai', finishReasons: ['stop'] },
      });
      expect(found?.signals.map((s) => ({ type: s.type, kind: s.kind, value: s.value }))).toEqual(
        expect.arrayContaining([
          { type: 'eval:relevance', kind: 'outcome', value: 0.25 },
          { type: 'eval:groundedness', kind: 'outcome', value: 'fail' },
        ]),
      );
    });

    it('inflates gzip bodies and refuses bodies that only claim to be gzip', async () => {
      const body = JSON.stringify(
        request([
          {
            spanId: '00f067aa0ba902b7',
            attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.response.id': 'resp_gz' },
          },
        ]),
      );
      const res = await send(gzipSync(body), { 'content-encoding': 'gzip' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({});
      expect(await getInteractionWithSignals(fl.store.db, fl.projectId, 'resp_gz')).toBeDefined();

      const fake = await send(body, { 'content-encoding': 'gzip' });
      expect(fake.status).toBe(400);
      expect((await fake.json()).error.message).toMatch(/not valid gzip/);
      const brotli = await send(body, { 'content-encoding': 'br' });
      expect(brotli.status).toBe(415);
    });

    it('refuses protobuf with the setting that switches the exporter to JSON', async () => {
      const res = await send(Buffer.from([0x0a, 0x00]), { 'content-type': 'application/x-protobuf' });
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({
        error: {
          code: 'FL_UNSUPPORTED_MEDIA_TYPE',
          message: expect.stringMatching(/OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http\/json/),
        },
      });
    });

    it('answers OTLP partial success naming each rejected span, and stores the rest', async () => {
      const res = await send(
        JSON.stringify(
          request([
            {
              spanId: '1000000000000001',
              attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.response.id': 'resp_ok' },
            },
            {
              spanId: '1000000000000002',
              attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.conversation.id': 'c'.repeat(300) },
            },
          ]),
        ),
      );
      expect(res.status).toBe(200);
      const answer = await res.json();
      expect(answer.partialSuccess.rejectedSpans).toBe(1);
      expect(answer.partialSuccess.errorMessage).toMatch(
        new RegExp(`^span ${TRACE}:1000000000000002 \\(chat\\): interaction\\.sessionId `),
      );
      expect(await getInteractionWithSignals(fl.store.db, fl.projectId, 'resp_ok')).toBeDefined();
    });

    it('warns, without rejecting, when no span is a GenAI span', async () => {
      const res = await send(
        JSON.stringify(request([{ spanId: '2000000000000001', attributes: { 'http.route': '/' } }])),
      );
      expect(await res.json()).toEqual({
        partialSuccess: {
          rejectedSpans: 0,
          errorMessage: expect.stringMatching(/none of the 1 spans is a GenAI model call/),
        },
      });
    });

    it('stores a re-sent export once', async () => {
      const body = JSON.stringify(
        request([
          {
            spanId: '3000000000000001',
            attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.response.id': 'resp_twice' },
          },
        ]),
      );
      for (let i = 0; i < 2; i++) expect((await send(body)).status).toBe(200);
      const rows = await fl.store.db.selectFrom('interactions').where('id', '=', 'resp_twice').select('id').execute();
      expect(rows).toHaveLength(1);
    });

    it('needs a secret key', async () => {
      const res = await send(JSON.stringify(request([])), {}, fl.publicKey);
      expect(res.status).toBe(403);
    });
  },
);
