/**
 * The chat example's own server (no dependencies beyond the repo's): serves the page, bundles the browser
 * SDK into it with esbuild, and answers questions with the STAND-IN MODEL (canned replies, no LLM). Each
 * answer is logged to Feedloop as an interaction with the SECRET key through the Node SDK, and a feedback
 * token is minted for it; the page gets the interaction id and the token, and sends its feedback with the
 * PUBLIC key. Run `npm start` first, then (with the keys it printed):
 *   FEEDLOOP_SECRET_KEY=fl_sk_… FEEDLOOP_PUBLIC_KEY=fl_pk_… node examples/chat/server.mjs
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Feedloop } from '@feedloop/node';
import * as esbuild from 'esbuild';
import { STAND_IN_MODEL, standInAnswer } from './stand-in-model.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ID = /^[A-Za-z0-9_.:-]{1,128}$/;
/** The example's one pretend user; tokens are bound to it, so only its signals are accepted. */
const USER = 'demo-user';

async function readJson(request) {
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > 100_000) throw new Error('body too large');
  }
  return JSON.parse(text);
}

async function buildPage(config) {
  const html = await readFile(`${HERE}index.html`, 'utf8');
  // `<` escaped so no text in the config can close the script element.
  const json = JSON.stringify(config).replaceAll('<', '\\u003c');
  const bundle = await esbuild.build({
    entryPoints: [`${HERE}page.js`],
    bundle: true,
    format: 'esm',
    write: false,
    minify: true,
  });
  return { html: html.replace('"__FEEDLOOP_CONFIG__"', () => json), script: bundle.outputFiles[0].text };
}

/**
 * Starts the example; resolves to its URL and a `close()`. Options: `endpoint` (the Feedloop server, as
 * the browser reaches it), `secretKey`, `publicKey`, `port` (0 picks a free one), `flushIntervalMs` (the
 * page's batching delay).
 */
export async function startChatExample({ endpoint, secretKey, publicKey, port = 3000, flushIntervalMs = 1000 }) {
  if (!secretKey || !publicKey) {
    throw new Error('Set FEEDLOOP_SECRET_KEY and FEEDLOOP_PUBLIC_KEY (printed by the first `npm start`).');
  }
  const feedloop = new Feedloop({ endpoint, secretKey, flushIntervalMs: 200 });
  const page = await buildPage({ endpoint, publicKey, user: USER, flushIntervalMs });
  const attempts = new Map();

  async function answer(body) {
    const question = String(body.question ?? '').slice(0, 2000);
    const id = typeof body.id === 'string' && ID.test(body.id) ? body.id : undefined;
    const parentId = typeof body.parentId === 'string' && ID.test(body.parentId) ? body.parentId : null;
    // A regeneration asks the stand-in model for its next canned alternative.
    const attempt = parentId ? (attempts.get(parentId) ?? 0) + 1 : 0;
    const output = standInAnswer(question, attempt);
    const interactionId = feedloop.logInteraction({
      ...(id ? { id } : {}),
      sessionId: 'chat-example',
      userId: USER,
      feature: 'chat-example',
      ...STAND_IN_MODEL,
      promptTemplate: 'chat-example',
      promptVersion: '1',
      input: [{ role: 'user', content: question }],
      output,
      parentId,
      metadata: { standInModel: true },
    });
    attempts.set(interactionId, attempt);
    // Stored before the page can give feedback on it (feedback arriving first would be kept and linked anyway).
    await feedloop.flush();
    const token = feedloop.feedbackToken(interactionId, { userId: USER });
    return { interactionId, answer: output, token, model: STAND_IN_MODEL.model };
  }

  const server = createServer(async (request, response) => {
    const send = (status, type, body) => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    try {
      if (request.method === 'GET' && request.url === '/') return send(200, 'text/html; charset=utf-8', page.html);
      if (request.method === 'GET' && request.url === '/app.js') return send(200, 'text/javascript', page.script);
      if (request.method === 'POST' && request.url === '/api/answer') {
        return send(200, 'application/json', JSON.stringify(await answer(await readJson(request))));
      }
      return send(404, 'text/plain', 'not found');
    } catch (error) {
      return send(500, 'text/plain', `The example failed: ${error.message}`);
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return {
    url,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await feedloop.shutdown();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const chat = await startChatExample({
    endpoint: process.env.FEEDLOOP_ENDPOINT ?? 'http://127.0.0.1:4545',
    secretKey: process.env.FEEDLOOP_SECRET_KEY,
    publicKey: process.env.FEEDLOOP_PUBLIC_KEY,
    port: Number(process.env.PORT ?? 3000),
  });
  console.log(`Chat example (stand-in model, no LLM) on ${chat.url}`);
}
