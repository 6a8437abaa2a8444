import { describe, expect, it } from 'vitest';
import { ChatChunks, chatOutcome, chatRequest } from './chat-completions.js';

describe('Chat Completions mapping', () => {
  it('keeps the request messages, joining text parts and keeping tool fields', () => {
    const request = chatRequest({
      model: 'gpt-4o',
      safety_identifier: 'u_9',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather ' },
            { type: 'text', text: 'in Paris?' },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'w', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'rainy' },
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/cat.png' } }] },
      ],
    });
    expect(request).toMatchObject({ model: 'gpt-4o', user: 'u_9', metadata: { api: 'chat.completions' } });
    expect(request.input).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'w', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'rainy' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/cat.png' } }] },
    ]);
  });

  it('reads a refusal as the output when there is no content', () => {
    const outcome = chatOutcome({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 0,
      model: 'gpt-4o-2024-08-06',
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          logprobs: null,
          message: { role: 'assistant', content: null, refusal: 'I cannot help with that.' },
        },
      ],
    });
    expect(outcome).toMatchObject({ output: 'I cannot help with that.', finishReason: 'stop', tokensIn: undefined });
  });

  it('rebuilds a streamed answer: text deltas, tool-call fragments by index, usage from the last chunk', () => {
    const chunks = new ChatChunks();
    const base = { id: 'chatcmpl-2', object: 'chat.completion.chunk', created: 0, model: 'gpt-4o-2024-08-06' };
    const delta = (d: unknown, finish: string | null = null) => ({
      ...base,
      choices: [{ index: 0, delta: d, finish_reason: finish }],
    });
    chunks.add(delta({ role: 'assistant', content: 'Let me ' }));
    chunks.add(delta({ content: 'check.' }));
    chunks.add(
      delta({
        tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_', arguments: '{"ci' } }],
      }),
    );
    chunks.add(delta({ tool_calls: [{ index: 0, function: { name: 'weather', arguments: 'ty":"Paris"}' } }] }));
    chunks.add(null);
    expect(chunks.finished).toBe(false);
    chunks.add(delta({}, 'tool_calls'));
    chunks.add({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 } });
    expect(chunks.finished).toBe(true);
    expect(chunks.outcome()).toEqual({
      id: 'chatcmpl-2',
      model: 'gpt-4o-2024-08-06',
      output: 'Let me check.',
      toolCalls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
      finishReason: 'tool_calls',
      tokensIn: 10,
      tokensOut: 4,
    });
  });
});
