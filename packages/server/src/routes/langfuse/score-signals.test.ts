import { describe, expect, it } from 'vitest';
import { scoreSignals } from './score-signals.js';

const envelope = { newId: () => 'generated' };
const map = (score: Record<string, unknown>) => scoreSignals({ id: 's1', traceId: 't1', ...score }, envelope);
const first = (score: Record<string, unknown>) => {
  const result = map(score);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.signals[0];
};

describe('Langfuse score → signal', () => {
  it('maps feedback scores of 1 / 0 onto thumbs, with the comment as the user’s words', () => {
    const result = map({ name: 'user-feedback', value: 0, dataType: 'BOOLEAN', comment: 'Wrong link' });
    expect(result).toEqual({
      ok: true,
      scoreId: 's1',
      signals: [
        {
          id: 's1',
          interactionId: 't1',
          sessionId: null,
          type: 'thumbs',
          value: -1,
          metadata: { source: 'langfuse', score: 'user-feedback', dataType: 'BOOLEAN' },
        },
        {
          id: 's1:comment',
          interactionId: 't1',
          sessionId: null,
          type: 'comment',
          value: 'Wrong link',
          metadata: { source: 'langfuse', score: 'user-feedback', dataType: 'BOOLEAN' },
        },
      ],
    });
    expect(first({ name: 'User Feedback', value: 1 })).toMatchObject({ type: 'thumbs', value: 1 });
    expect(first({ name: 'thumbs', value: 'down', dataType: 'CATEGORICAL' })).toMatchObject({ value: -1 });
    expect(first({ name: 'feedback', value: true })).toMatchObject({ type: 'thumbs', value: 1 });
  });

  it('maps ratings 1–5, comments and corrections onto the built-in types', () => {
    expect(first({ name: 'rating', value: 4 })).toMatchObject({ type: 'rating', value: 4 });
    expect(first({ name: 'anything', value: 'Too long', dataType: 'TEXT' })).toMatchObject({ type: 'comment' });
    expect(first({ name: 'correction', value: 'Settings → Account', dataType: 'CORRECTION' })).toMatchObject({
      type: 'edit',
      value: 'Settings → Account',
    });
  });

  it('keeps every other score as a custom langfuse:<name> signal', () => {
    expect(first({ name: 'Helpfulness (LLM judge)', value: 0.75, comment: 'clear' })).toMatchObject({
      type: 'langfuse:helpfulness-llm-judge',
      kind: 'explicit',
      value: 0.75,
      metadata: { comment: 'clear' },
    });
    expect(first({ name: 'rating', value: 9 })).toMatchObject({ type: 'langfuse:rating', value: 9 });
    expect(first({ name: 'tone', value: 'friendly' })).toMatchObject({ type: 'langfuse:tone', value: 'friendly' });
  });

  it('makes a session-only score a session signal, and reads userId from the metadata', () => {
    const signal = scoreSignals(
      { sessionId: 'sess_1', name: 'user-feedback', value: 1, metadata: { userId: 'u_1' } },
      { eventId: 'evt_1', timestamp: '2026-11-20T10:00:05.000Z', newId: () => 'x' },
    );
    expect(signal).toMatchObject({
      ok: true,
      signals: [
        {
          id: 'evt_1',
          interactionId: null,
          sessionId: 'sess_1',
          userId: 'u_1',
          createdAt: '2026-11-20T10:00:05.000Z',
          metadata: { langfuse: { userId: 'u_1' } },
        },
      ],
    });
  });

  it('names what is wrong with a score it cannot map', () => {
    expect(scoreSignals({ name: '', value: 'x', dataType: 'NUMERIC' }, envelope)).toEqual({
      ok: false,
      errors: [
        { field: 'name', reason: 'expected the score name' },
        { field: 'value', reason: 'expected a number for a NUMERIC score' },
        { field: 'traceId', reason: expect.stringMatching(/traceId/) },
      ],
    });
    expect(map({ name: 'x', value: 2, dataType: 'BOOLEAN' })).toMatchObject({
      ok: false,
      errors: [{ field: 'value' }],
    });
    expect(map({ name: 'x', value: 1, dataType: 'PERCENT' })).toMatchObject({
      ok: false,
      errors: [{ field: 'dataType' }],
    });
    expect(map({ name: '!!!', value: 1 })).toMatchObject({ ok: false, errors: [{ field: 'name' }] });
  });
});
