/**
 * Who is calling: a secret key (server SDKs, reads) as `Authorization: Bearer`, or a public key (browsers,
 * signal writes only) as a Bearer header or as `publicKey` in the body, because navigator.sendBeacon
 * cannot set headers. A public key used from a page must come from one of its allowed origins.
 * Langfuse clients send `Authorization: Basic`; its password half is taken as the key.
 */
import { FeedloopError } from '@feedloop/core';
import type { ApiKey } from '@feedloop/store';
import type { FastifyRequest } from 'fastify';
import type { TtlCache } from './ttl-cache.js';

/**
 * What a route lets a caller do; declared per route in its `config.access`. `read-public` is what an app
 * may show its own users (approved release notes): public keys may read it, from their allowed origins.
 */
export type Access = 'write-signals' | 'write-interactions' | 'read' | 'read-public';

export interface Caller {
  key: ApiKey;
  projectId: string;
}

/**
 * Langfuse clients send `Basic base64(publicKey:secretKey)`; the password half is taken as the Feedloop key,
 * so the Langfuse public key can be anything (a label, or our public key).
 */
function basicPassword(credentials: string): string {
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  if (password === '') {
    throw new FeedloopError('FL_UNAUTHENTICATED', 'Basic credentials must be "<anything>:<key>", base64-encoded.');
  }
  return password;
}

function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^(Bearer|Basic)\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new FeedloopError('FL_UNAUTHENTICATED', 'The Authorization header must be "Bearer <key>" (or Basic).');
    }
    return match[1]!.toLowerCase() === 'basic' ? basicPassword(match[2]!) : match[2];
  }
  const body = request.body;
  if (typeof body === 'object' && body !== null && 'publicKey' in body) {
    const publicKey = (body as { publicKey: unknown }).publicKey;
    if (typeof publicKey === 'string') return publicKey;
    throw new FeedloopError('FL_VALIDATION', 'publicKey must be a string.', {
      details: [{ field: 'publicKey', reason: 'expected a public key string' }],
    });
  }
  return undefined;
}

function originAllowed(key: ApiKey, origin: string | undefined): boolean {
  // Requests without an Origin do not come from a web page; the list restricts which pages may send.
  if (origin === undefined) return true;
  return key.allowedOrigins.includes('*') || key.allowedOrigins.includes(origin);
}

export async function authenticate(
  request: FastifyRequest,
  keys: TtlCache<ApiKey | undefined>,
  access: Access,
): Promise<Caller> {
  const plaintext = presentedKey(request);
  if (plaintext === undefined) {
    throw new FeedloopError('FL_UNAUTHENTICATED', 'Send an API key as "Authorization: Bearer <key>".');
  }
  const key = await keys.get(plaintext);
  if (!key) throw new FeedloopError('FL_UNAUTHENTICATED', 'The API key is unknown or has been revoked.');
  if (key.kind === 'public') {
    if (access !== 'write-signals' && access !== 'read-public') {
      throw new FeedloopError(
        'FL_FORBIDDEN',
        access === 'read'
          ? 'A public key may only write signals; reading needs a secret key.'
          : 'A public key may only write signals; log interactions from your server with a secret key.',
      );
    }
    const origin = request.headers.origin;
    if (!originAllowed(key, origin)) {
      throw new FeedloopError('FL_ORIGIN_NOT_ALLOWED', `Origin ${origin} is not allowed for this public key.`);
    }
  }
  return { key, projectId: key.projectId };
}
