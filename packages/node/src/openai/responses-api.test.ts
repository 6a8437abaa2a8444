import { describe, expect, it } from 'vitest';
import { ResponseEvents, responseOutcome, responsesRequest } from './responses-api.js';

describe('Responses API mapping', () => {
  it('reads input items: messages, function calls and their outputs', () => {
    const request = responsesRequest({
      model: 'gpt-4o-mini',
      previous_response_id: 'resp_0',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris?' }] },
        { type: 'function_call', call_id: 'c1', name: 'weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'c1', output: 'rainy' },
        { type: 'reasoning', id: 'rs_1', summary: [] },
      ],
    });
    expect(request.metadata).toEqual({ api: 'responses', previousResponseId: 'resp_0' });
    expect(request.input).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'rainy' },
    ]);
    expect(responsesRequest({ input: 'Hi' }).input).toBe('Hi');
  });

  it('reads the output text, function calls and why an incomplete response stopped', () => {
    const outcome = responseOutcome({
      id: 'resp_1',
      model: 'gpt-4o-mini-2024-07-18',
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [
        {
          type: 'message',
          id: 'm',
          role: 'assistant',
          status: 'incomplete',
          content: [{ type: 'output_text', text: 'Partly', annotations: [] }],
        },
        { type: 'function_call', id: 'f', call_id: 'c2', name: 'lookup', arguments: '{}' },
      ],
      usage: { input_tokens: 3, output_tokens: 2 },
    } as never);
    expect(outcome).toEqual({
      id: 'resp_1',
      model: 'gpt-4o-mini-2024-07-18',
      output: 'Partly',
      toolCalls: [{ id: 'c2', type: 'function', function: { name: 'lookup', arguments: '{}' } }],
      finishReason: 'max_output_tokens',
      tokensIn: 3,
      tokensOut: 2,
    });
  });

  it('keeps the deltas seen so far when a stream is left before its final event', () => {
    const events = new ResponseEvents();
    events.add({ type: 'response.created', response: { id: 'resp_2', model: 'gpt-4o-mini', output: [] } });
    events.add({ type: 'response.output_text.delta', delta: 'Half ' });
    events.add({ type: 'response.output_text.delta', delta: 'an answer' });
    expect(events.finished).toBe(false);
    expect(events.outcome()).toMatchObject({ id: 'resp_2', output: 'Half an answer', finishReason: undefined });
  });
});
