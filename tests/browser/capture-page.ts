/**
 * Shared set-up for the capture tests: a real Feedloop server, the SDK bundled from source, and a
 * page on another origin whose body and init options each test chooses.
 */
import { getSignalsOfInteraction, type SignalView } from '@feedloop/store';
import type { Browser } from 'playwright-core';
import { bundle, launchChromium, type PageServer, repoPath, servePage, waitFor } from '../helpers/browser.js';
import { startFeedloop } from '../helpers/server.js';

export interface CaptureRig {
  browser: Browser;
  pages: PageServer;
  feedloop: Awaited<ReturnType<typeof startFeedloop>>;
  /** What `/` serves next: the body markup and extra init options. */
  setPage(body: string, init?: Record<string, unknown>): void;
  signals(interactionId: string): Promise<SignalView[]>;
  /** Waits until the interaction has `count` stored signals (of `type`, when given) and returns them. */
  waitForSignals(interactionId: string, count: number, type?: string): Promise<SignalView[]>;
  close(): Promise<void>;
}

export async function captureRig(): Promise<CaptureRig> {
  const feedloop = await startFeedloop();
  const sdk = await bundle(repoPath('packages/browser/src/index.ts'));
  let body = '';
  let init: Record<string, unknown> = {};
  const html = () => `<!doctype html><html><head><meta charset="utf-8"><title>capture</title></head><body>
${body}
<script type="module">
import * as feedloop from '/sdk.js';
window.feedloop = feedloop;
window.errors = [];
feedloop.on('error', (e) => window.errors.push(e.code));
feedloop.init(${JSON.stringify({ endpoint: feedloop.url, publicKey: feedloop.publicKey, user: 'u_1', flushIntervalMs: 100, ...init })});
window.ready = true;
</script></body></html>`;
  const pages = await servePage({
    html,
    pages: { '/elsewhere': '<!doctype html><title>elsewhere</title><p>bye</p>' },
    scripts: { '/sdk.js': sdk },
  });
  const browser = await launchChromium();
  const signals = (id: string) => getSignalsOfInteraction(feedloop.store.db, feedloop.projectId, id);
  return {
    browser,
    pages,
    feedloop,
    setPage(nextBody, nextInit = {}) {
      body = nextBody;
      init = nextInit;
    },
    signals,
    waitForSignals: (id, count, type) =>
      waitFor(
        async () => {
          const all = (await signals(id)).filter((s) => type === undefined || s.type === type);
          return all.length >= count ? all : undefined;
        },
        { message: `${count} ${type ?? ''} signal(s) for ${id}` },
      ),
    async close() {
      await browser.close();
      await pages.close();
      await feedloop.close();
    },
  };
}
