import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './errors.js';

describe('error catalogue', () => {
  const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  /** The table's rows as cells: [code, HTTP status, meaning, what to do]. */
  const rows = doc
    .split('\n')
    .filter((line) => /^\|\s*`FL_/.test(line))
    .map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim())
        .slice(1, -1),
    );

  it.each(Object.entries(ERROR_CODES))('documents %s with its HTTP status in docs/errors.md', (code, { status }) => {
    const row = rows.find((cells) => cells[0] === `\`${code}\``);
    expect(row, `docs/errors.md has no row for ${code}`).toBeDefined();
    expect(row?.[1]).toBe(String(status));
  });

  it('documents no code that does not exist', () => {
    const documented = rows.map((cells) => cells[0]?.replaceAll('`', ''));
    expect(documented.sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });
});
