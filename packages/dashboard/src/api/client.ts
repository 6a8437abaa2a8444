/**
 * Every API call goes through `api`: same origin, the signed-in key as `Authorization: Bearer`, and the
 * server's error body (`{ error: { code, message, errors } }`) turned into an `ApiError`. A 401 means the
 * key stopped working (revoked, or the project is gone): the dashboard signs out and says why.
 */
import { session } from './session';

export interface FieldError {
  field: string;
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; errors?: FieldError[] } };
    if (body.error) {
      return new ApiError(
        response.status,
        body.error.code ?? 'FL_UNKNOWN',
        body.error.message ?? response.statusText,
        body.error.errors ?? [],
      );
    }
  } catch {
    // Not a Feedloop error body: fall through.
  }
  return new ApiError(response.status, 'FL_UNKNOWN', `The server answered ${response.status} ${response.statusText}.`);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Use this key instead of the signed-in one (the sign-in form checks a key before keeping it). */
  key?: string;
  /** The `Accept` header, when an endpoint answers in more than one form. */
  accept?: string;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const key = options.key ?? session.key();
  if (!key) throw new ApiError(401, 'FL_UNAUTHENTICATED', 'Sign in with a secret key.');
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.accept !== undefined) headers.accept = options.accept;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      cache: 'no-store',
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'FL_NETWORK', 'Could not reach the Feedloop server. Is it running?');
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (error.status === 401 && options.key === undefined) {
      session.signOut('Your key stopped working (it may have been revoked). Sign in with a valid secret key.');
    }
    throw error;
  }
  return response;
}

/** A JSON answer. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await (await send(path, options)).json()) as T;
}

/** An NDJSON answer, each line parsed and handed to `onLine` as it arrives. */
export async function apiLines(path: string, options: RequestOptions, onLine: (value: unknown) => void): Promise<void> {
  const response = await send(path, { ...options, accept: 'application/x-ndjson' });
  if (!response.body) throw new ApiError(0, 'FL_NETWORK', 'The server sent no body.');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (value) pending += value;
    let end = pending.indexOf('\n');
    while (end >= 0) {
      const line = pending.slice(0, end).trim();
      pending = pending.slice(end + 1);
      if (line) onLine(JSON.parse(line));
      end = pending.indexOf('\n');
    }
    if (done) break;
  }
  if (pending.trim()) onLine(JSON.parse(pending));
}

/** A file answer (exports), read whole, to save with a download link. */
export async function apiBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  return (await send(path, options)).blob();
}

/** The file name a `Content-Disposition: attachment; filename="…"` header names, if any. */
export function attachmentName(header: string | null): string | null {
  const match = header ? /filename="([^"]+)"/.exec(header) : null;
  return match?.[1] ?? null;
}

/** A file answer with the name the server gave it (eval-set exports name their own files). */
export async function apiFile(
  path: string,
  options: RequestOptions = {},
): Promise<{ blob: Blob; fileName: string | null }> {
  const response = await send(path, options);
  return { blob: await response.blob(), fileName: attachmentName(response.headers.get('content-disposition')) };
}

/** What a person should read for an error, with the bad fields named. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.errors.map((e) => `${e.field}: ${e.reason}`).join('; ');
    return fields ? `${error.message} (${fields})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
