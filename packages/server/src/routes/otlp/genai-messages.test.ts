import { describe, expect, it } from 'vitest';
import { toChatMessages, toModelOutput, toSystemMessage } from './genai-messages.js';

describe('GenAI convention messages', () => {
  it('turns text, tool_call and tool_call_response parts into OpenAI-layout chat messages', () => {
    const messages = toChatMessages([
      { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { location: 'Paris' } }],
      },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: ' call_1', response: 'rainy, 57°F' }] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_2', result: { temp: 14 } }] },
    ]);
    expect(messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'rainy, 57°F' },
      { role: 'tool', tool_call_id: 'call_2', content: '{"temp":14}' },
    ]);
  });

  it('keeps parts it cannot flatten (images, files) beside the text', () => {
    const image = { type: 'uri', modality: 'image', uri: 'https://example.com/cat.png' };
    expect(toChatMessages([{ role: 'user', parts: [{ type: 'text', content: 'What is it?' }, image] }])).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'What is it?' }, image] },
    ]);
  });

  it('accepts the older { role, content } layout in the same attribute', () => {
    expect(toChatMessages([{ role: 'user', content: 'Hi' }])).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(toChatMessages('not a list')).toBeUndefined();
  });

  it('reads the first choice as the output, without its reasoning', () => {
    const output = toModelOutput([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'The user wants…' },
          { type: 'text', content: 'Go to Settings' },
          { type: 'text', content: ' → Security.' },
        ],
        finish_reason: 'stop',
      },
      { role: 'assistant', parts: [{ type: 'text', content: 'Another choice' }], finish_reason: 'length' },
    ]);
    expect(output).toEqual({
      text: 'Go to Settings → Security.',
      toolCalls: [],
      finishReasons: ['stop', 'length'],
      choices: 2,
    });
  });

  it('reads system instructions as parts or as plain text', () => {
    expect(toSystemMessage([{ type: 'text', content: 'Be brief.' }])).toEqual({ role: 'system', content: 'Be brief.' });
    expect(toSystemMessage('Be brief.')).toEqual({ role: 'system', content: 'Be brief.' });
    expect(toSystemMessage([])).toBeUndefined();
  });
});
