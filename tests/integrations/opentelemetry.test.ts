/**
 * The OpenTelemetry path end to end, as a team already tracing its LLM calls would use it: the real
 * OpenTelemetry JS SDK (BasicTracerProvider + BatchSpanProcessor + the OTLP/HTTP JSON exporter) exports a
 * request's retrieval span and GenAI chat span to a real `feedloop serve` process (the built CLI). The
 * stored interaction must carry the messages, model, usage and the retrieved documents, and a browser's
 * thumb sent for its id (the response id) must link to it.
 */
import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backends.js';
import { HttpClient, startServe, stopAllServes } from '../helpers/serve-process.js';

afterEach(stopAllServes);

function tracing(url: string, secretKey: string) {
  const exporter = new OTLPTraceExporter({
    url: `${url}/v1/traces`,
    headers: { Authorization: `Bearer ${secretKey}` },
  });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'support-bot' }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  return { provider, tracer: provider.getTracer('support-bot', '1.0.0') };
}

describe('OpenTelemetry GenAI spans into a real feedloop serve', () => {
  it('stores the chat span as an interaction with its retrieval documents, and links browser feedback to it', async () => {
    const serve = await startServe({ args: ['--data', tempDir()] });
    const { secretKey, publicKey } = serve.banner;
    expect(secretKey && publicKey).toBeTruthy();
    const { provider, tracer } = tracing(serve.url, secretKey!);

    // What an instrumented RAG handler emits: a request span, a retrieval, then the model call.
    const request = tracer.startSpan('POST /chat', { kind: SpanKind.SERVER });
    const inRequest = trace.setSpan(ROOT_CONTEXT, request);
    const retrieval = tracer.startSpan(
      'retrieval kb',
      {
        attributes: {
          'gen_ai.operation.name': 'retrieval',
          'gen_ai.data_source.id': 'kb',
          'gen_ai.retrieval.query.text': 'reset password',
          'gen_ai.retrieval.documents': JSON.stringify([
            { id: 'doc_7', score: 0.82, content: 'Reset your password from Settings → Security.' },
            { id: 'doc_9', score: 0.41 },
          ]),
        },
      },
      inRequest,
    );
    retrieval.end();
    const chat = tracer.startSpan(
      'chat gpt-4o',
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.response.model': 'gpt-4o-2024-08-06',
          'gen_ai.response.id': 'chatcmpl-otel-1',
          'gen_ai.response.finish_reasons': ['stop'],
          'gen_ai.conversation.id': 'conv_42',
          'gen_ai.prompt.name': 'support',
          'gen_ai.prompt.version': '12',
          'gen_ai.usage.input_tokens': 57,
          'gen_ai.usage.output_tokens': 12,
          'user.id': 'u_1',
          'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'Answer from the documents.' }]),
          'gen_ai.input.messages': JSON.stringify([
            { role: 'user', parts: [{ type: 'text', content: 'How do I reset my password?' }] },
          ]),
          'gen_ai.output.messages': JSON.stringify([
            {
              role: 'assistant',
              parts: [{ type: 'text', content: 'Go to Settings → Security.' }],
              finish_reason: 'stop',
            },
          ]),
        },
      },
      inRequest,
    );
    chat.end();
    request.end();
    await provider.forceFlush();
    await provider.shutdown();

    const api = new HttpClient(serve.url, secretKey);
    const stored = await api.get('/v1/interactions/chatcmpl-otel-1');
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
    expect(stored.body).toMatchObject({
      id: 'chatcmpl-otel-1',
      sessionId: 'conv_42',
      userId: 'u_1',
      model: 'gpt-4o',
      modelVersion: 'gpt-4o-2024-08-06',
      promptTemplate: 'support',
      promptVersion: '12',
      input: [
        { role: 'system', content: 'Answer from the documents.' },
        { role: 'user', content: 'How do I reset my password?' },
      ],
      output: 'Go to Settings → Security.',
      context: [
        { id: 'doc_7', text: 'Reset your password from Settings → Security.', source: 'kb', score: 0.82 },
        { id: 'doc_9', source: 'kb', score: 0.41 },
      ],
      tokensIn: 57,
      tokensOut: 12,
      metadata: { source: 'otlp', service: 'support-bot', provider: 'openai', finishReasons: ['stop'] },
    });
    expect(stored.body.latencyMs).toBeGreaterThanOrEqual(0);

    // The browser only knows the response id its app server handed it, and a public key.
    const browser = new HttpClient(serve.url, undefined);
    const thumb = await browser.post('/v1/signals', {
      publicKey,
      id: 'sig_browser_1',
      interactionId: 'chatcmpl-otel-1',
      type: 'thumbs',
      value: -1,
      userId: 'u_1',
    });
    expect(thumb.status, JSON.stringify(thumb.body)).toBe(201);
    const withFeedback = await api.get('/v1/interactions/chatcmpl-otel-1');
    expect(withFeedback.body.signals).toMatchObject([{ type: 'thumbs', value: -1, interactionId: 'chatcmpl-otel-1' }]);
    api.close();
    browser.close();
    await serve.stop();
  });
});
