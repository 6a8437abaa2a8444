/**
 * The Release notes page in real Chromium against a real server, over two weeks in which version 2 of the
 * support prompt is rated up more often and regenerated less than version 1: "Draft notes now" drafts
 * both, one is approved with an edited title and then served by `GET /v1/release-notes/published`, the
 * other dismissed. Writes docs/screenshots/dashboard-release-notes.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Arm, DAY, generateArms, ingestAll } from '../helpers/analysis-data.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';
import { type DashboardSession, openDashboard } from './dashboard-session.js';

let fl: RunningFeedloop;
let ui: DashboardSession;

const TITLE = 'Support answers got better';

beforeAll(async () => {
  fl = await startFeedloop();
  // A week of each version, ending now, inside the 90 days the drafting looks at.
  const start = Date.now() - 14 * DAY;
  const v1: Arm = {
    dimensions: { promptTemplate: 'support', promptVersion: '1' },
    pUp: 0.55,
    pRegenerate: 0.2,
    interactions: 400,
  };
  const v2: Arm = { ...v1, dimensions: { promptTemplate: 'support', promptVersion: '2' }, pUp: 0.8, pRegenerate: 0.05 };
  await ingestAll(fl.store, fl.projectId, generateArms([v1], 21, start, 7));
  await ingestAll(fl.store, fl.projectId, generateArms([v2], 22, start + 7 * DAY, 6));
  ui = await openDashboard(fl);
});
afterAll(async () => {
  await ui?.close();
  await fl?.close();
});

const published = async () => {
  const response = await fetch(`${fl.url}/v1/release-notes/published`, {
    headers: { authorization: `Bearer ${fl.secretKey}` },
  });
  return ((await response.json()) as { notes: Array<{ title: string; body: string }> }).notes;
};

const drafts = () => ui.page.getByRole('region', { name: /^Drafts/ }).locator('.note-list > li');
const draft = (title: string) => drafts().filter({ has: ui.page.getByRole('heading', { name: title }) });

describe('the Release notes page', () => {
  it('drafts notes on demand and says how many tests ran and how many were drafted', async () => {
    await ui.open('/release-notes');
    await expect.poll(() => ui.heading('Release notes').isVisible()).toBe(true);
    await expect.poll(() => ui.page.getByText('No drafts waiting.').count()).toBe(1);
    expect(await ui.page.getByText('No approved notes yet').count()).toBe(1);

    await ui.page.getByRole('button', { name: 'Draft notes now' }).click();
    await expect
      .poll(() => ui.page.getByRole('status').filter({ hasText: /^Ran / }).textContent())
      .toMatch(/^Ran 2 tests \(each needed p < 0\.025\): drafted 2 new notes\.$/);
    await expect.poll(() => drafts().count()).toBe(2);

    const evidence = await draft('Answers are rated helpful more often').locator('dl').textContent();
    expect(evidence).toMatch(/Prompt template support: version 1 → 2/);
    expect(evidence).toMatch(/Thumbs-up rate \(higher is better\)/);
    expect(evidence).toMatch(/Before \(v1\)\d+\.\d% \(95% interval \d+%–\d+%\) of \d+ votes/);
    expect(evidence).toMatch(/p-value(< 0\.001|0\.0\d+) \(needed below 0\.025/);
    expect(await draft('Fewer answers need regenerating').locator('dl').textContent()).toMatch(
      /Regenerate rate \(lower is better\)/,
    );
    expect(await ui.axeViolations()).toEqual([]);
  });

  it('approves a note with an edited title, which the published notes then serve', async () => {
    const note = draft('Answers are rated helpful more often');
    const body = await note.getByLabel('Text').inputValue();
    expect(body).toMatch(/^Since version 2 of the support prompt, \d+% of rated answers got a thumbs up/);
    await note.getByLabel('Title').fill(TITLE);
    await note.getByRole('button', { name: 'Approve' }).click();
    await expect
      .poll(() =>
        ui.page
          .getByRole('status')
          .filter({ hasText: `Approved “${TITLE}”` })
          .count(),
      )
      .toBe(1);
    await expect.poll(() => drafts().count()).toBe(1);
    const users = ui.page.getByRole('region', { name: 'As your users see it' });
    await expect.poll(() => users.getByRole('heading', { name: TITLE }).count()).toBe(1);
    expect(await users.getByText(body).count()).toBe(1);
    await ui.shot('release-notes');

    expect(await published()).toEqual([expect.objectContaining({ title: TITLE, body })]);
  });

  it('dismisses the other note, and drafting again adds nothing', async () => {
    await draft('Fewer answers need regenerating').getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => ui.page.getByRole('heading', { name: 'Dismissed (1)' }).count()).toBe(1);
    await expect.poll(() => ui.page.getByText('No drafts waiting.').count()).toBe(1);
    await ui.page.getByRole('button', { name: 'Draft notes now' }).click();
    await expect
      .poll(() => ui.page.getByRole('status').filter({ hasText: /^Ran / }).textContent())
      .toMatch(/nothing new to draft\.$/);
    expect((await published()).map((n) => n.title)).toEqual([TITLE]);
  });
});
