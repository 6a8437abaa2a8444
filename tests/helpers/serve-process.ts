/**
 * `feedloop serve` as a real child process, for end-to-end tests: spawned with this Node from the built
 * CLI (run `npm run build` first), on 127.0.0.1, with its stdout and stderr collected so a failure can say
 * what the server printed. Every process started here is tracked; call `stopAllServes()` in `afterEach`
 * so none outlives its test, even when the test fails. A small HTTP client with its own connection pool
 * talks to it over real sockets.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

export const CLI_BIN = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));

/** Environment variables the CLI reads; never inherited from the shell that runs the tests. */
const CLI_ENV = /^(FEEDLOOP_|DATABASE_URL$)/;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** What the start banner told the user. Keys and curl lines only appear on the start that created them. */
export interface Banner {
  url: string;
  port: number;
  backend: string;
  secretKey?: string;
  publicKey?: string;
  /** The printed copy-paste commands, in order: the first sends a batch, the second reads it back. */
  curlCommands: string[];
}

export interface ServeProcess {
  readonly pid: number;
  readonly url: string;
  readonly port: number;
  readonly banner: Banner;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<Exit>;
  /** Sends SIGTERM and waits for the exit (SIGKILL and an error if it takes longer than `timeoutMs`). */
  stop(timeoutMs?: number): Promise<Exit>;
  /** `kill -9`: no chance to finish anything. Resolves when the process is gone. */
  crash(): Promise<Exit>;
}

export interface StartOptions {
  /** Arguments after `serve`. `--port 0` is added unless a port is given. */
  args?: string[];
  /** Extra environment; FEEDLOOP_* and DATABASE_URL from the test runner's own environment are dropped. */
  env?: Record<string, string | undefined>;
  /** How long to wait for the full start banner. */
  timeoutMs?: number;
}

const running = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Kills (SIGKILL) every server process a test left running and waits for them to be gone. */
export async function stopAllServes(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            running.delete(child);
            resolve();
            return;
          }
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  running.clear();
}

export function parseBanner(stdout: string): Banner | undefined {
  const listening = /Feedloop is listening on (http:\/\/[^\s]+) \((\w+)\)/.exec(stdout);
  if (!listening) return undefined;
  const url = listening[1]!;
  const secretKey = /secret key \(server side, reads\):\s+(\S+)/.exec(stdout)?.[1];
  const publicKey = /public key \(browser, signals only\):\s+(\S+)/.exec(stdout)?.[1];
  const curlCommands = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('curl '));
  return {
    url,
    port: Number(new URL(url).port),
    backend: listening[2]!,
    ...(secretKey ? { secretKey } : {}),
    ...(publicKey ? { publicKey } : {}),
    curlCommands,
  };
}

/** The banner is printed whole: either the keys with both curl lines, or the hint about `keys list`. */
function bannerComplete(stdout: string): boolean {
  const start = stdout.indexOf('Feedloop is listening on');
  if (start < 0) return false;
  const lines = stdout.slice(start).split('\n');
  // A line is complete once a newline follows it, i.e. it is not the last element.
  const complete = lines.slice(0, -1);
  if (complete.some((line) => line.startsWith('Keys: '))) return true;
  return complete.filter((line) => line.trim().startsWith('curl ')).length >= 2;
}

export function startServe(options: StartOptions = {}): Promise<ServeProcess> {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: run \`npm run build\` first.`);
  const args = ['serve', ...(options.args ?? [])];
  if (!args.includes('--port')) args.push('--port', '0');
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !CLI_ENV.test(name)) env[name] = value;
  }
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value !== undefined) env[name] = value;
  }
  const child = spawn(process.execPath, [CLI_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  const describe = () => `feedloop ${args.join(' ')}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;

  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise<ServeProcess>((resolve, reject) => {
    const started = Date.now();
    let settled = false;
    const finish = (error: Error | undefined) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
        return;
      }
      const banner = parseBanner(stdout)!;
      const server: ServeProcess = {
        pid: child.pid!,
        url: banner.url,
        port: banner.port,
        banner,
        get stdout() {
          return stdout;
        },
        get stderr() {
          return stderr;
        },
        exited,
        async stop(stopTimeoutMs = 10_000) {
          child.kill('SIGTERM');
          let timer: NodeJS.Timeout | undefined;
          const timedOut = new Promise<'timeout'>((r) => {
            timer = setTimeout(() => r('timeout'), stopTimeoutMs);
          });
          const outcome = await Promise.race([exited, timedOut]);
          clearTimeout(timer);
          if (outcome === 'timeout') {
            child.kill('SIGKILL');
            await exited;
            throw new Error(`SIGTERM did not stop the server within ${stopTimeoutMs} ms\n${describe()}`);
          }
          return outcome;
        },
        async crash() {
          child.kill('SIGKILL');
          return exited;
        },
      };
      resolve(server);
    };
    const poll = setInterval(() => {
      if (bannerComplete(stdout)) finish(undefined);
      else if (Date.now() - started > timeoutMs) {
        finish(new Error(`no start banner within ${timeoutMs} ms\n${describe()}`));
      }
    }, 20);
    void exited.then((exit) => {
      // Let the last output arrive before judging.
      setTimeout(() => {
        if (bannerComplete(stdout)) finish(undefined);
        else finish(new Error(`the server exited (${exit.code ?? exit.signal}) before listening\n${describe()}`));
      }, 50);
    });
  });
}

export interface HttpResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked by the tests that read them.
  body: any;
}

/** JSON over node:http with its own keep-alive pool, so a test decides how many connections it uses. */
export class HttpClient {
  readonly #agent: http.Agent;

  constructor(
    readonly baseUrl: string,
    readonly key: string | undefined,
    connections = 8,
  ) {
    this.#agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  }

  post(path: string, body: unknown, timeoutMs = 15_000): Promise<HttpResponse> {
    return this.request('POST', path, JSON.stringify(body), timeoutMs);
  }

  get(path: string, timeoutMs = 15_000): Promise<HttpResponse> {
    return this.request('GET', path, undefined, timeoutMs);
  }

  request(method: string, path: string, payload: string | undefined, timeoutMs: number): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = {};
      if (this.key) headers.authorization = `Bearer ${this.key}`;
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(payload);
      }
      const req = http.request(new URL(path, this.baseUrl), { method, headers, agent: this.#agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch {
            // Not JSON: keep the text for the error message.
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
