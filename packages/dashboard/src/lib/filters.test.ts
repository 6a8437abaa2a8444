import { describe, expect, it } from 'vitest';
import { analysisParams, readFilters, sharedFilterSearch, timeRange, writeFilters } from './filters';

const NOW = Date.parse('2026-11-23T08:30:00Z');

describe('URL filters', () => {
  it('reads defaults from an empty query and writes nothing for them', () => {
    const filters = readFilters(new URLSearchParams(''));
    expect(filters).toMatchObject({ range: '30d', granularity: 'day', dimensions: {}, unfiltered: false });
    expect(writeFilters(new URLSearchParams(''), filters).toString()).toBe('');
  });

  it('round-trips every filter and keeps page parameters', () => {
    const params = new URLSearchParams(
      'dimension=model&range=custom&from=2026-11-01&to=2026-11-15&tenant=acme&unfiltered=true',
    );
    const filters = readFilters(params);
    expect(filters).toMatchObject({
      range: 'custom',
      fromDay: '2026-11-01',
      toDay: '2026-11-15',
      dimensions: { tenant: 'acme' },
    });
    const written = writeFilters(params, { ...filters, granularity: 'week' });
    expect(Object.fromEntries(written)).toEqual({
      dimension: 'model',
      range: 'custom',
      from: '2026-11-01',
      to: '2026-11-15',
      granularity: 'week',
      tenant: 'acme',
      unfiltered: 'true',
    });
    expect(sharedFilterSearch(written)).not.toContain('dimension=');
  });

  it('turns presets into whole UTC days ending with today', () => {
    const { from, to } = timeRange(readFilters(new URLSearchParams('range=7d')), NOW);
    expect(new Date(from).toISOString()).toBe('2026-11-17T00:00:00.000Z');
    expect(new Date(to).toISOString()).toBe('2026-11-24T00:00:00.000Z');
    const custom = timeRange(readFilters(new URLSearchParams('range=custom&from=2026-11-01&to=2026-11-01')), NOW);
    expect(custom.to - custom.from).toBe(86_400_000);
  });

  it('ignores malformed values instead of failing', () => {
    const filters = readFilters(new URLSearchParams('range=custom&from=2026-02-31x&granularity=month'));
    expect(filters).toMatchObject({ range: '30d', granularity: 'day' });
    expect(analysisParams(filters, NOW).from).toBe('2026-10-25T00:00:00.000Z');
  });
});
