/**
 * The chat example (examples/chat) end to end: its own server (stand-in model, Node SDK with the secret
 * key, a feedback token per answer) against a real Feedloop server that REQUIRES tokens, driven in real
 * Chromium like a user. Every kind of feedback must end as exactly one stored signal of the right kind,
 * type and value on the right interaction, checked in the store, not the DOM.
 * The example bundles the BUILT browser SDK (packages/browser/dist): run `npm run build` first.
 * Browser helpers are written here (tests/helpers/browser.ts did not exist yet when this was written).
 */
import { getInteractionWithSignals, type SignalView, updateProjectSettings } from '@feedloop/store';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain-JS example, without type declarations.
import { startChatExample } from '../../examples/chat/server.mjs';
import { launchChromium } from '../helpers/browser.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';

/** The browser SDK's shortest dwell that counts (packages/browser/src/dwell.ts). */
const MIN_DWELL_MS = 1000;

describe('the chat example in Chromium', () => {
  let fl: RunningFeedloop;
  let chat: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  /** The interaction with its signals once `done` holds (or whatever is there after the timeout). */
  async function storedWhen(id: string, done: (signals: SignalView[]) => boolean, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await getInteractionWithSignals(fl.store.db, fl.projectId, id);
      if ((found && done(found.signals)) || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    fl = await startFeedloop();
    await updateProjectSettings(fl.store.db, fl.projectId, { requireTokens: true });
    chat = await startChatExample({
      endpoint: fl.url,
      secretKey: fl.secretKey,
      publicKey: fl.publicKey,
      port: 0,
      flushIntervalMs: 100,
    });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(chat.url);
  });

  afterAll(async () => {
    await browser?.close();
    await chat?.close();
    await fl?.close();
  });

  it('stores each kind of feedback once, on the right interaction', async () => {
    expect(await page.getByRole('note').textContent()).toContain('stand-in model');
    await page.getByLabel('Your question').fill('How do I reset my password?');
    await page.getByRole('button', { name: 'Ask' }).click();
    const answer = page.locator('article.answer').first();
    await answer.waitFor();
    const shownAt = Date.now();
    const id = (await answer.getAttribute('data-feedloop-interaction')) ?? '';
    const original = await answer.getByRole('textbox', { name: 'Answer (editable)' }).inputValue();
    expect(original).toMatch(/Reset password/);

    // Explicit feedback, through <feedloop-feedback> (its shadow DOM is open).
    await answer.getByRole('button', { name: 'Good response' }).click();
    await answer.getByRole('button', { name: '4 stars' }).click();
    await answer.getByLabel('Tell us more (optional)').fill('Clear, thanks');
    await answer.getByRole('button', { name: 'Send' }).click();
    // Implicit feedback, from the markup.
    await answer.getByRole('button', { name: 'Copy' }).click();
    await answer.getByRole('button', { name: 'Use this answer' }).click();
    // Edit-to-final: change the answer and leave the field.
    const edited = `${original} Then sign in again.`;
    await answer.getByRole('textbox', { name: 'Answer (editable)' }).fill(edited);
    await page.getByLabel('Your question').focus();

    // Dwell is reading time: the answer must stay in view at least MIN_DWELL_MS before the user scrolls
    // past it. This waits on the behaviour's own threshold, not on the page.
    await expect.poll(() => Date.now() - shownAt, { interval: 100 }).toBeGreaterThan(MIN_DWELL_MS + 200);
    await page.evaluate(() => {
      document.body.style.paddingBottom = '300vh';
      window.scrollTo(0, document.body.scrollHeight);
    });

    await answer.getByRole('button', { name: 'Regenerate' }).click();
    await expect.poll(() => page.locator('article.answer').count()).toBe(2);
    const newId = (await page.locator('article.answer').nth(1).getAttribute('data-feedloop-interaction')) ?? '';
    expect(newId).not.toBe(id);

    const types = ['thumbs', 'rating', 'comment', 'copy', 'accept', 'edit', 'dwell', 'regenerate'];
    const stored = await storedWhen(id, (signals) => types.every((t) => signals.some((s) => s.type === t)));
    expect(stored?.interaction).toMatchObject({ model: 'stand-in', output: original });
    const signals = stored?.signals ?? [];
    const byType = (type: string) => signals.filter((s) => s.type === type);
    for (const type of types) expect(byType(type), type).toHaveLength(1);
    expect(signals.map((s) => s.type).sort()).toEqual([...types].sort());

    expect(byType('thumbs')[0]).toMatchObject({ kind: 'explicit', value: 1 });
    expect(byType('rating')[0]).toMatchObject({ kind: 'explicit', value: 4 });
    expect(byType('comment')[0]).toMatchObject({ kind: 'explicit', value: 'Clear, thanks' });
    expect(byType('copy')[0]?.kind).toBe('implicit');
    expect(byType('copy')[0]?.value).toBeGreaterThan(original.length - 1);
    expect(byType('accept')[0]).toMatchObject({ kind: 'implicit', value: null });
    expect(byType('edit')[0]).toMatchObject({ kind: 'correction', value: edited, metadata: { original } });
    expect(byType('dwell')[0]?.kind).toBe('implicit');
    expect(byType('dwell')[0]?.value).toBeGreaterThanOrEqual(MIN_DWELL_MS);
    expect(byType('regenerate')[0]).toMatchObject({ kind: 'implicit', value: { newInteractionId: newId } });
    for (const s of signals) expect(s).toMatchObject({ interactionId: id, userId: 'demo-user' });

    // The regeneration is its own interaction, linked to the answer it replaced.
    const regenerated = await storedWhen(newId, () => true);
    expect(regenerated?.interaction).toMatchObject({ parentId: id, model: 'stand-in' });
    expect(regenerated?.interaction.output).not.toBe(original);
    expect(pageErrors).toEqual([]);
  });
});
