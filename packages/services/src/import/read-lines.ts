/**
 * Reads a file line by line in constant memory, un-gzipping it on the way when its name ends in `.gz` or
 * its first bytes are the gzip magic number (a renamed file still works).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

export interface LineSource {
  /** The file's lines, without their line ends. */
  lines: AsyncIterable<string>;
  /** Bytes of the file read so far (compressed bytes for a gzipped file), for progress. */
  bytesRead(): number;
  totalBytes: number;
  /** Stops reading and releases the file; safe to call more than once. */
  close(): void;
}

const GZIP_MAGIC = [0x1f, 0x8b];

async function inspect(path: string): Promise<{ size: number; gzip: boolean }> {
  // Opening here makes a missing or unreadable file fail before anything is imported.
  const file = await open(path, 'r');
  try {
    const stats = await file.stat();
    if (!stats.isFile()) throw new Error(`${path} is not a file`);
    const head = Buffer.alloc(2);
    const { bytesRead } = await file.read(head, 0, 2, 0);
    const magic = bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
    return { size: stats.size, gzip: magic || path.endsWith('.gz') };
  } finally {
    await file.close();
  }
}

/**
 * Opens `path` for reading line by line; rejects when the file cannot be opened. A read or decompression
 * error later surfaces from the `lines` iterator.
 */
export async function openLines(path: string): Promise<LineSource> {
  const { size, gzip } = await inspect(path);
  const file = createReadStream(path);
  // pipeline() carries an error in the file stream on to the gunzip stream, and so to readline.
  const input = gzip ? pipeline(file, createGunzip(), () => {}) : file;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  return {
    lines,
    bytesRead: () => file.bytesRead,
    totalBytes: size,
    close: () => {
      lines.close();
      file.destroy();
    },
  };
}
