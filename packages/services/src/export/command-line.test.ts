import { describe, expect, it } from 'vitest';
import { commandLine } from './command-line.js';

describe('commandLine', () => {
  it('quotes what a shell would split and masks URL passwords', () => {
    expect(commandLine('feedloop', ['export', 'dpo', '--tenant', "Acme's Inc", '--out', 'a b.jsonl'])).toBe(
      `feedloop export dpo --tenant 'Acme'\\''s Inc' --out 'a b.jsonl'`,
    );
    // Quoted, since a shell would expand the mask's asterisks.
    expect(commandLine('feedloop', ['--database-url', 'postgres://app:s3cret@db:5432/feedloop'])).toBe(
      "feedloop --database-url 'postgres://app:***@db:5432/feedloop'",
    );
    expect(commandLine('feedloop', ['--database-url=postgres://app:s3cret@db/feedloop'])).toBe(
      "feedloop '--database-url=postgres://app:***@db/feedloop'",
    );
  });
});
