/**
 * Delivery that loses nothing: with the network cut, clicks queue in localStorage; the next page of the
 * origin (network back) restores and sends them, and each arrives exactly once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../helpers/browser.js';
import { type CaptureRig, captureRig } from './capture-page.js';

let rig: CaptureRig;
beforeAll(async () => {
  rig = await captureRig();
});
afterAll(async () => {
  await rig?.close();
});

const queued = () =>
  Object.keys(localStorage)
    .filter((k) => k.startsWith('feedloop:q:'))
    .reduce((n, k) => n + (JSON.parse(localStorage.getItem(k) ?? '[]') as unknown[]).length, 0);

it('queues 20 clicks while offline and delivers each exactly once after a reload online', async () => {
  const ids = Array.from({ length: 20 }, (_, i) => `off-${i}`);
  rig.setPage(ids.map((id) => `<button id="${id}" onclick="feedloop.thumbs('${id}', 'up')">${id}</button>`).join(''));
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await page.goto(rig.pages.url);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);

  await context.setOffline(true);
  for (const id of ids) await page.click(`#${id}`);
  // The failed sends keep everything queued and persisted.
  await waitFor(async () => (await page.evaluate(queued)) === 20, { message: '20 persisted signals' });
  expect(await rig.signals('off-0')).toEqual([]);

  // Leaving while offline: the page-hide beacon cannot get through either.
  const next = await context.newPage();
  await page.close();
  await context.setOffline(false);
  await next.goto(rig.pages.url);

  for (const id of ids) {
    const stored = await rig.waitForSignals(id, 1);
    expect(stored.map((s) => [s.type, s.value])).toEqual([['thumbs', 1]]);
  }
  await waitFor(async () => (await next.evaluate(queued)) === 0, { message: 'an empty queue' });
  await next.evaluate(() => (window as unknown as { feedloop: { flush(): Promise<void> } }).feedloop.flush());
  for (const id of ids) expect(await rig.signals(id)).toHaveLength(1);
  await context.close();
});
