import { describe, expect, it } from 'vitest';
import { promptMessages } from './prompt-messages.js';

describe('promptMessages', () => {
  it('turns a string into one user message and keeps role and text of chat messages', () => {
    expect(promptMessages('Hi')).toEqual({ ok: true, messages: [{ role: 'user', content: 'Hi' }] });
    expect(
      promptMessages([
        { role: 'system', content: 'Be brief.', name: 'x' },
        { role: 'user', content: 'Hi' },
      ]),
    ).toEqual({
      ok: true,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
    });
  });

  it('joins text content parts, and refuses images or files (every target is text-only)', () => {
    expect(
      promptMessages([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look ' },
            { type: 'text', text: 'here' },
          ],
        },
      ]),
    ).toEqual({
      ok: true,
      messages: [{ role: 'user', content: 'Look here' }],
    });
    expect(promptMessages([{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }])).toEqual({
      ok: false,
      reason: 'non-text-content',
    });
  });

  it('has no prompt for null, an empty list or non-messages', () => {
    expect(promptMessages(null)).toEqual({ ok: false, reason: 'no-prompt' });
    expect(promptMessages([])).toEqual({ ok: false, reason: 'no-prompt' });
    expect(promptMessages([42])).toEqual({ ok: false, reason: 'no-prompt' });
  });

  it('keeps a null content as empty text for the validator to refuse', () => {
    expect(promptMessages([{ role: 'assistant', content: null }])).toEqual({
      ok: true,
      messages: [{ role: 'assistant', content: '' }],
    });
  });
});
