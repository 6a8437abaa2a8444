import { describe, expect, it } from 'vitest';
import { purgedContext, purgedSignalValue } from './purge-text.js';

describe('purgedContext', () => {
  it('keeps document ids, sources and scores, in order, and drops text and other fields', () => {
    const context = JSON.stringify([
      { id: 'doc_7', text: 'Reset from Settings', source: 'kb', score: 0.82, title: 'Passwords' },
      { id: 'doc_9', text: 'Call us' },
    ]);
    expect(JSON.parse(purgedContext(context))).toEqual([{ id: 'doc_7', source: 'kb', score: 0.82 }, { id: 'doc_9' }]);
  });

  it('is idempotent, and turns anything unreadable into no documents', () => {
    const once = purgedContext(JSON.stringify([{ id: 'a', text: 'x', score: 1 }]));
    expect(purgedContext(once)).toBe(once);
    expect(purgedContext('not json')).toBe('[]');
    expect(purgedContext('{"id":"a"}')).toBe('[]');
  });
});

describe('purgedSignalValue', () => {
  it.each([
    ['thumbs', '-1', '-1'],
    ['rating', '4', '4'],
    ['dwell', '1520.5', '1520.5'],
    ['acme:score', '0.7', '0.7'],
    ['acme:flag', 'true', 'true'],
    ['comment', '"The link is broken"', null],
    ['edit', '"Go to Settings → Account"', null],
    ['acme:note', '"free text"', null],
    ['acme:form', '{"answer":"my address is …"}', null],
    ['preference', '{"over":"int_2","why":"shorter"}', '{"over":"int_2"}'],
    [
      'outcome',
      '{"name":"ticket_resolved","success":true,"note":"thanks"}',
      '{"name":"ticket_resolved","success":true}',
    ],
    ['outcome', '{"success":false}', '{"success":false}'],
    ['comment', null, null],
    ['comment', 'not json', null],
  ])('%s %s → %s', (type, value, expected) => {
    expect(purgedSignalValue(type, value)).toBe(expected);
  });
});
