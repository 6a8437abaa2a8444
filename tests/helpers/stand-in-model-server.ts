/**
 * STAND-IN: a local stand-in for an OpenAI-compatible model server (OpenAI, Ollama, vLLM, TEI, LM Studio),
 * which cannot run here. It listens on 127.0.0.1, answers `POST /v1/embeddings` and
 * `POST /v1/chat/completions` in the OpenAI shape (or with whatever failure a test queues), and records
 * every request. No network is used. Tests may plug in how it embeds a text and answers a chat.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** JSON to send, or raw text. */
  body?: unknown;
  raw?: string;
  delayMs?: number;
}

/** The stand-in model server (see the file's header). */
export class StandInModelServer {
  /** How a text is embedded; default `[length, index, 0.5]`. */
  embedText?: (text: string, index: number) => number[];
  /** How a chat is answered; default `chatAnswer`. */
  answerChat?: (messages: Array<{ role: string; content: string }>) => string;
  readonly requests: Recorded[] = [];
  /** Replies to give before the default behaviour, first in first out. */
  readonly queued: Reply[] = [];
  chatAnswer = 'ok';
  #server: Server = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
    });
    request.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = {};
      }
      const recorded = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body };
      this.requests.push(recorded);
      const reply = this.queued.shift() ?? this.#default(recorded);
      const send = () => {
        if (response.destroyed) return;
        response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        response.end(reply.raw ?? JSON.stringify(reply.body ?? {}));
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });

  #default(request: Recorded): Reply {
    if (request.path === '/v1/embeddings') {
      const input = request.body.input as string[];
      // Listed back to front: the client must order by `index`, not by position.
      const data = input
        .map((text, index) => ({
          object: 'embedding',
          index,
          embedding: this.embedText?.(text, index) ?? [text.length, index, 0.5],
        }))
        .reverse();
      return { body: { object: 'list', data, model: request.body.model } };
    }
    if (request.path === '/v1/chat/completions') {
      return {
        body: {
          id: 'chatcmpl-standin',
          object: 'chat.completion',
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content:
                  this.answerChat?.(request.body.messages as Array<{ role: string; content: string }>) ??
                  this.chatAnswer,
              },
              finish_reason: 'stop',
            },
          ],
        },
      };
    }
    return { status: 404, body: { error: { message: `no route ${request.path}` } } };
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1`;
  }

  reset(): void {
    this.requests.length = 0;
    this.queued.length = 0;
    this.chatAnswer = 'ok';
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
