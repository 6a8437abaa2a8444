import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openLines } from './read-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'feedloop-read-lines-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function readAll(path: string): Promise<string[]> {
  const source = await openLines(path);
  const lines: string[] = [];
  for await (const line of source.lines) lines.push(line);
  expect(source.bytesRead()).toBe(source.totalBytes);
  return lines;
}

const text = '{"a":1}\r\n{"b":"→"}\n\n{"c":3}';

describe('openLines', () => {
  it('reads plain lines, LF or CRLF', async () => {
    expect(await readAll(file('plain.jsonl', text))).toEqual(['{"a":1}', '{"b":"→"}', '', '{"c":3}']);
  });

  it('un-gzips a .gz file, and a gzipped file by its magic bytes whatever its name', async () => {
    const expected = ['{"a":1}', '{"b":"→"}', '', '{"c":3}'];
    expect(await readAll(file('z.jsonl.gz', gzipSync(text)))).toEqual(expected);
    expect(await readAll(file('renamed.jsonl', gzipSync(text)))).toEqual(expected);
  });

  it('rejects a file it cannot open, before reading anything', async () => {
    await expect(openLines(join(dir, 'missing.jsonl'))).rejects.toThrow(/ENOENT/);
    await expect(openLines(dir)).rejects.toThrow(/not a file/);
  });

  it('fails while reading a broken gzip file', async () => {
    const truncated = gzipSync(text.repeat(100)).subarray(0, 60);
    await expect(readAll(file('cut.gz', truncated))).rejects.toThrow(/unexpected end of file/);
  });
});
