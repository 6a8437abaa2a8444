/**
 * The wrapper's promises to the host app, against a minimal client of the same shape (the real `openai`
 * client is exercised in tests/integrations/openai.test.ts): what a call returns or throws is untouched,
 * a fault in logging never reaches the app, wrapping twice never logs twice, and `openai` is never
 * imported at run time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Interaction } from '../types.js';
import { observeOpenAI } from './observe-openai.js';

async function* chunks(texts: string[]) {
  for (const [i, text] of texts.entries()) {
    yield {
      id: 'chatcmpl-s',
      model: 'm',
      choices: [{ index: 0, delta: { content: text }, finish_reason: i === texts.length - 1 ? 'stop' : null }],
    };
  }
}

/** A client with the same shape as openai's: chat.completions.create answering a completion or a stream. */
function fakeClient(fail?: Error) {
  return {
    chat: {
      completions: {
        calls: 0,
        create(body: { stream?: boolean; messages: unknown[] }) {
          this.calls++;
          if (fail) return Promise.reject(fail);
          if (body.stream)
            return Promise.resolve({ [Symbol.asyncIterator]: () => chunks(['a', 'b', 'c'])[Symbol.asyncIterator]() });
          return Promise.resolve({
            id: 'chatcmpl-1',
            model: 'm',
            choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
          });
        },
      },
    },
    models: { list: () => 'untouched' },
  };
}

function recorder() {
  const logged: Interaction[] = [];
  const logInteraction = (interaction: Interaction) => {
    logged.push(interaction);
    return interaction.id ?? 'x';
  };
  return { logged, logger: { logInteraction } };
}

describe('observeOpenAI', () => {
  it('returns what the client returns, and logs once even when wrapped twice', async () => {
    const { logged, logger } = recorder();
    const client = fakeClient();
    const wrapped = observeOpenAI(observeOpenAI(client, logger, { feature: 'f' }), logger, { tenant: 't' });
    const answer = await wrapped.chat.completions.create({ messages: [{ role: 'user', content: 'q' }] });
    expect(answer.id).toBe('chatcmpl-1');
    expect(client.chat.completions.calls).toBe(1);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ id: 'chatcmpl-1', feature: 'f', tenant: 't', output: 'hi' });
    expect(wrapped.models.list()).toBe('untouched');
  });

  it('passes errors through untouched and logs nothing for a failed call', async () => {
    const { logged, logger } = recorder();
    const failure = new Error('429 rate limited');
    const wrapped = observeOpenAI(fakeClient(failure), logger);
    await expect(wrapped.chat.completions.create({ messages: [] })).rejects.toBe(failure);
    expect(logged).toEqual([]);
  });

  it('logs a stream the reader left early as incomplete, with what had arrived', async () => {
    const { logged, logger } = recorder();
    const stream = await observeOpenAI(fakeClient(), logger).chat.completions.create({ messages: [], stream: true });
    for await (const chunk of stream as AsyncIterable<{ choices: Array<{ delta: { content: string } }> }>) {
      if (chunk.choices[0]?.delta.content === 'b') break;
    }
    expect(logged).toMatchObject([{ output: 'ab', metadata: { stream: true, incomplete: true } }]);
  });

  it('keeps a failing logger away from the app', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const logger = {
      logInteraction: () => {
        throw new Error('boom');
      },
    };
    const answer = await observeOpenAI(fakeClient(), logger).chat.completions.create({ messages: [] });
    expect(answer.id).toBe('chatcmpl-1');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(warn).toHaveBeenCalledWith('[feedloop] could not log an OpenAI call:', expect.any(Error));
    warn.mockRestore();
  });

  it('never imports openai at run time (it is an optional peer)', () => {
    const dir = new URL('.', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      const imports = source.match(/^import .* from 'openai[^']*';$/gm) ?? [];
      expect(
        imports.filter((line) => !line.startsWith('import type ')),
        file,
      ).toEqual([]);
    }
  });
});
