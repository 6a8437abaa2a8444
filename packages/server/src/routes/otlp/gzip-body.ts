/**
 * OTLP exporters may gzip their bodies (the Collector's otlphttp exporter does by default). The body is
 * inflated as it streams in; Fastify still applies its byte limit to the inflated bytes, so a small
 * compressed body cannot expand past it.
 */
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { FeedloopError } from '@feedloop/core';
import type { FastifyRequest } from 'fastify';

/** A `preParsing` hook: returns the body to parse, inflated when `Content-Encoding: gzip`. */
export async function inflateGzipBody(request: FastifyRequest, _reply: unknown, payload: Readable): Promise<Readable> {
  const encoding = request.headers['content-encoding']?.trim().toLowerCase();
  if (encoding === undefined || encoding === '' || encoding === 'identity') return payload;
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new FeedloopError(
      'FL_UNSUPPORTED_MEDIA_TYPE',
      `Content-Encoding ${encoding} is not supported; send the body uncompressed or gzip.`,
    );
  }
  const gunzip = createGunzip();
  // Fastify compares Content-Length with the bytes received on the wire, which it reads from here.
  const body = Object.assign(new PassThrough(), { receivedEncodedLength: 0 });
  payload.on('data', (chunk: Buffer) => {
    body.receivedEncodedLength += chunk.length;
  });
  payload.on('error', (error) => body.destroy(error));
  gunzip.on('error', () =>
    body.destroy(
      new FeedloopError('FL_VALIDATION', 'The body is not valid gzip although Content-Encoding says gzip.', {
        details: [{ field: 'body', reason: 'expected gzip-compressed bytes' }],
      }),
    ),
  );
  payload.pipe(gunzip).pipe(body);
  return body;
}
