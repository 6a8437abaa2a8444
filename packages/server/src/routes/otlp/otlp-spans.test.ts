import { describe, expect, it } from 'vitest';
import { decodeTraces } from './otlp-spans.js';

const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN = 'eee19b7ec3c1b174';

const request = (span: Record<string, unknown>, resource: unknown[] = []) => ({
  resourceSpans: [{ resource: { attributes: resource }, scopeSpans: [{ scope: { name: 't' }, spans: [span] }] }],
});

describe('decodeTraces', () => {
  it('reads the OTLP/JSON encoding: hex ids, nanosecond strings, every AnyValue kind', () => {
    const decoded = decodeTraces(
      request(
        {
          traceId: TRACE.toUpperCase(),
          spanId: SPAN,
          parentSpanId: '',
          name: 'chat',
          startTimeUnixNano: '1763632800000000000',
          endTimeUnixNano: 1763632801500000000,
          attributes: [
            { key: 's', value: { stringValue: 'x' } },
            { key: 'i', value: { intValue: '42' } },
            { key: 'n', value: { intValue: 7 } },
            { key: 'big', value: { intValue: '9007199254740993' } },
            { key: 'd', value: { doubleValue: 0.5 } },
            { key: 'b', value: { boolValue: true } },
            { key: 'a', value: { arrayValue: { values: [{ stringValue: 'stop' }] } } },
            { key: 'kv', value: { kvlistValue: { values: [{ key: 'role', value: { stringValue: 'user' } }] } } },
            { key: 'empty', value: {} },
          ],
          events: [{ name: 'e', timeUnixNano: '1763632801000000000', attributes: [] }],
          status: { code: 2 },
        },
        [{ key: 'service.name', value: { stringValue: 'bot' } }],
      ),
    );
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const [span] = decoded.spans;
    expect(span).toMatchObject({ traceId: TRACE, spanId: SPAN, parentSpanId: null, name: 'chat', failed: true });
    expect(span?.startMs).toBe(1763632800000);
    expect(span?.endMs).toBe(1763632801500);
    expect(Object.fromEntries(span!.attributes)).toEqual({
      s: 'x',
      i: 42,
      n: 7,
      big: '9007199254740993',
      d: 0.5,
      b: true,
      a: ['stop'],
      kv: { role: 'user' },
      empty: null,
    });
    expect(span?.resource.get('service.name')).toBe('bot');
    expect(span?.events[0]?.timeMs).toBe(1763632801000);
  });

  it('names every field that breaks the encoding', () => {
    const decoded = decodeTraces(
      request({
        traceId: 'W46/95gDgQPSabYzgT/GDA==',
        spanId: SPAN,
        startTimeUnixNano: '2026-01-01',
        attributes: [{ key: 'x', value: { intValue: 'many' } }, { value: { stringValue: 'no key' } }],
      }),
    );
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    const at = 'resourceSpans[0].scopeSpans[0].spans[0]';
    expect(decoded.issues.map((i) => i.field)).toEqual([
      `${at}.traceId`,
      `${at}.startTimeUnixNano`,
      `${at}.attributes[0].value.intValue`,
      `${at}.attributes[1]`,
    ]);
    expect(decoded.issues[0]?.reason).toMatch(/hex/);
  });

  it('rejects bodies that are not an export request', () => {
    expect(decodeTraces([])).toEqual({ ok: false, issues: [{ field: 'body', reason: expect.any(String) }] });
    expect(decodeTraces({ resourceSpans: {} })).toMatchObject({ ok: false, issues: [{ field: 'resourceSpans' }] });
    expect(decodeTraces({})).toEqual({ ok: true, spans: [] });
  });

  it('bounds nesting, so a hostile body cannot exhaust the stack', () => {
    let value: Record<string, unknown> = { stringValue: 'deep' };
    for (let i = 0; i < 5000; i++) value = { arrayValue: { values: [value] } };
    const decoded = decodeTraces(request({ traceId: TRACE, spanId: SPAN, attributes: [{ key: 'k', value }] }));
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.issues[0]?.reason).toMatch(/nested deeper/);
  });
});
