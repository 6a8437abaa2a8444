/**
 * The capture core in real Chromium against a real Feedloop server on another origin: each explicit
 * and implicit signal ends up stored exactly once, with the right kind, type, value and interaction.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CaptureRig, captureRig } from './capture-page.js';

let rig: CaptureRig;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  rig = await captureRig();
});
afterAll(async () => {
  await rig?.close();
});
beforeEach(async () => {
  await context?.close();
  context = await rig.browser.newContext();
  page = await context.newPage();
});

const open = async (body: string, init: Record<string, unknown> = {}) => {
  rig.setPage(body, init);
  await page.goto(rig.pages.url);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
};

/** Gives any wrongly repeated signal time to arrive, then reads what is stored. */
const settled = async (id: string) => {
  await page.evaluate(() => (window as unknown as { feedloop: { flush(): Promise<void> } }).feedloop.flush());
  return rig.signals(id);
};

const call = (expression: string) => page.evaluate(`window.feedloop.${expression}`);

describe('explicit signals', () => {
  it('stores one thumbs, one rating and one comment, linked to the interaction', async () => {
    await open('<p>answer</p>');
    await call("thumbs('ex-1', 'down')");
    await call("rate('ex-1', 2)");
    await call("comment('ex-1', 'The link is broken')");
    await rig.waitForSignals('ex-1', 3);
    const stored = await settled('ex-1');
    expect(stored.map((s) => [s.kind, s.type, s.value, s.userId])).toEqual([
      ['explicit', 'thumbs', -1, 'u_1'],
      ['explicit', 'rating', 2, 'u_1'],
      ['explicit', 'comment', 'The link is broken', 'u_1'],
    ]);
    expect(new Set(stored.map((s) => s.sessionId)).size).toBe(1);
  });

  it('stores 1 then 0 when the same thumb is clicked twice, and reflects it in getState', async () => {
    await open('<p>answer</p>');
    await call("thumbs('ex-2', 'up')");
    expect(await call("getState('ex-2')")).toEqual({ thumb: 1, rating: null, commented: false });
    await call("thumbs('ex-2', 'up')");
    expect(await call("getState('ex-2')")).toEqual({ thumb: 0, rating: null, commented: false });
    const stored = await rig.waitForSignals('ex-2', 2);
    expect(stored.map((s) => s.value)).toEqual([1, 0]);
  });

  it('delivers a click made right before navigating away (the pagehide beacon)', async () => {
    // A long interval: only the page-hide path can deliver this in time.
    await open('<button id="b" onclick="feedloop.thumbs(\'ex-3\', \'up\')">up</button>', { flushIntervalMs: 600_000 });
    await page.click('#b');
    await page.goto(`${rig.pages.url}/elsewhere`);
    const [stored] = await rig.waitForSignals('ex-3', 1);
    expect(stored).toMatchObject({ type: 'thumbs', value: 1 });
  });

  it('sends a server-minted token with the signals of its interaction', async () => {
    const minted = await fetch(`${rig.feedloop.url}/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rig.feedloop.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ interactionId: 'ex-4', ttlSeconds: 600 }),
    });
    const { token } = (await minted.json()) as { token: string };
    await open('<p>answer</p>');
    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/batch') && r.method() === 'POST');
    await call(`setToken('ex-4', ${JSON.stringify(token)})`);
    await call("thumbs('ex-4', 'up')");
    const request = await sent;
    const body = JSON.parse(request.postData() ?? '{}') as { publicKey: string; signals: { token?: string }[] };
    expect(body.publicKey).toBe(rig.feedloop.publicKey);
    expect(body.signals[0]?.token).toBe(token);
    // A CORS-safelisted content type: no preflight, and the same body works for sendBeacon.
    expect(request.headers()['content-type']).toMatch(/^text\/plain/);
    await rig.waitForSignals('ex-4', 1);
  });
});

describe('implicit signals from markup', () => {
  it('copy: a selection copied inside the element sends its length, not its text', async () => {
    await open('<div data-feedloop-interaction="im-copy"><p id="t">Go to Settings</p></div>');
    await page.locator('#t').selectText();
    await page.keyboard.press('Control+c');
    const [stored] = await rig.waitForSignals('im-copy', 1);
    expect(stored).toMatchObject({ kind: 'implicit', type: 'copy', value: 'Go to Settings'.length });
    expect(await settled('im-copy')).toHaveLength(1);
  });

  it('copy, regenerate and accept buttons each send one signal', async () => {
    await open(`
      <div data-feedloop-interaction="im-a"><p>first answer</p>
        <button data-feedloop-action="copy">copy</button></div>
      <div data-feedloop-interaction="im-b"><p>second</p>
        <button data-feedloop-action="regenerate" data-feedloop-new-interaction="im-b2">again</button></div>
      <div id="later"></div>`);
    await page.click('[data-feedloop-action=copy]');
    await page.click('[data-feedloop-action=regenerate]');
    // Added after init: event delegation still sees it.
    await page.evaluate(() => {
      document.getElementById('later')!.innerHTML =
        '<div data-feedloop-interaction="im-c"><button data-feedloop-action="accept">use it</button></div>';
    });
    await page.click('[data-feedloop-action=accept]');
    const [copy] = await rig.waitForSignals('im-a', 1);
    const [regen] = await rig.waitForSignals('im-b', 1);
    const [accept] = await rig.waitForSignals('im-c', 1);
    const length = await page.$eval('[data-feedloop-interaction=im-a]', (el) => el.textContent?.length);
    expect(copy).toMatchObject({ kind: 'implicit', type: 'copy', value: length });
    expect(regen).toMatchObject({ kind: 'implicit', type: 'regenerate', value: { newInteractionId: 'im-b2' } });
    expect(accept).toMatchObject({ kind: 'implicit', type: 'accept' });
    for (const id of ['im-a', 'im-b', 'im-c']) expect(await settled(id)).toHaveLength(1);
  });

  it('dwell: time visible is sent once when the element leaves view', async () => {
    await open(`<div data-feedloop-interaction="im-dwell" style="height:200px">read me</div>
      <div style="height:5000px"></div><p id="bottom">end</p>`);
    // Dwell below one second is ignored, so the answer must really stay in view this long.
    await page.waitForTimeout(1300);
    await page.locator('#bottom').scrollIntoViewIfNeeded();
    const [dwell] = await rig.waitForSignals('im-dwell', 1, 'dwell');
    expect(dwell?.kind).toBe('implicit');
    expect(dwell?.value).toBeGreaterThanOrEqual(1000);
    expect(dwell?.value).toBeLessThan(60_000);
    // Back in view and out again: still one dwell per interaction.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(1100);
    await page.locator('#bottom').scrollIntoViewIfNeeded();
    expect((await settled('im-dwell')).filter((s) => s.type === 'dwell')).toHaveLength(1);
  });

  it('abandonment: a shown answer with no engagement sends abandon when the page goes away', async () => {
    await open(`<div data-feedloop-interaction="im-left">ignored</div>
      <div data-feedloop-interaction="im-used"><button data-feedloop-action="copy">copy</button></div>`);
    await page.click('[data-feedloop-action=copy]');
    await rig.waitForSignals('im-used', 1);
    await page.goto(`${rig.pages.url}/elsewhere`);
    const [abandon] = await rig.waitForSignals('im-left', 1, 'abandon');
    expect(abandon?.kind).toBe('implicit');
    expect((await rig.signals('im-used')).map((s) => s.type)).not.toContain('abandon');
  });

  it('edit-to-final: a changed marked textarea sends one edit with the original kept', async () => {
    await open('<textarea id="f" data-feedloop-final="im-edit">Dear Sam,</textarea><button id="out">x</button>');
    await page.click('#f');
    await page.keyboard.press('End');
    await page.keyboard.type(' thanks!');
    await page.click('#out');
    await page.click('#f');
    await page.click('#out');
    const [edit] = await rig.waitForSignals('im-edit', 1);
    expect(edit).toMatchObject({
      kind: 'correction',
      type: 'edit',
      value: 'Dear Sam, thanks!',
      metadata: { original: 'Dear Sam,' },
    });
    expect(await settled('im-edit')).toHaveLength(1);
  });
});

describe('consent', () => {
  it('sends nothing while consent is off, and drops what was captured', async () => {
    await open(
      `<div data-feedloop-interaction="c-1"><p id="t">text</p><button data-feedloop-action="copy">copy</button></div>`,
      { consent: false },
    );
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/v1/batch')) requests.push(r.url());
    });
    await call("thumbs('c-1', 'up')");
    await call("comment('c-1', 'secret')");
    await page.click('[data-feedloop-action=copy]');
    await call('flush()');
    expect(requests).toEqual([]);
    // Turning consent on later does not resurrect what was captured while it was off.
    await call('setConsent(true)');
    await call("thumbs('c-2', 'up')");
    await rig.waitForSignals('c-2', 1);
    expect(await rig.signals('c-1')).toEqual([]);
    await call('setConsent(false)');
    await call("thumbs('c-3', 'down')");
    await page.goto(`${rig.pages.url}/elsewhere`);
    // A later page with consent restores the persisted queue: what was withdrawn must not be in it.
    await open('<p>later</p>');
    await call("thumbs('c-4', 'up')");
    await rig.waitForSignals('c-4', 1);
    await call('flush()');
    expect(await rig.signals('c-3')).toEqual([]);
  });
});
