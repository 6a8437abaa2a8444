/**
 * The Eval sets page in real Chromium against a real server, over the eval history with its planted
 * cluster of broken citations: a candidate accepted in the UI (its expected output edited, tagged) is in
 * the published version's JSONL export; publishing again, or publishing a draft with nothing accepted,
 * shows the API's refusal. Writes docs/screenshots/dashboard-eval-sets.png.
 */
import { readFileSync } from 'node:fs';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EvalHistory, ingestEvalHistory, START } from '../eval-sets/eval-history.js';
import { DAY } from '../helpers/analysis-data.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';
import { type DashboardSession, openDashboard } from './dashboard-session.js';

let fl: RunningFeedloop;
let history: EvalHistory;
let ui: DashboardSession;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
// The history is dated; a custom range keeps the test independent of today's date.
const RANGE = `range=custom&from=${day(START - DAY)}&to=${day(START + 7 * DAY)}`;

beforeAll(async () => {
  fl = await startFeedloop();
  history = await ingestEvalHistory(fl.store, fl.projectId);
  ui = await openDashboard(fl);
});
afterAll(async () => {
  await ui?.close();
  await fl?.close();
});

const api = async <T>(path: string): Promise<T> => {
  const response = await fetch(`${fl.url}${path}`, { headers: { authorization: `Bearer ${fl.secretKey}` } });
  return (await response.json()) as T;
};

const candidates = () => ui.page.locator('.candidate-list > li');
const candidate = (id: string) => candidates().filter({ has: ui.page.getByRole('link', { name: id, exact: true }) });
const status = (text: string | RegExp) => ui.page.getByRole('status').filter({ hasText: text });

const openSet = async (name: string) => {
  await ui.page.getByLabel('Set name').fill(name);
  await ui.page.getByRole('button', { name: 'Open set' }).click();
  await expect.poll(() => new URL(ui.page.url()).searchParams.get('set')).toBe(name);
};

const downloadText = async (download: Download) => readFileSync((await download.path()) ?? '', 'utf8');

describe('the Eval sets page', () => {
  it('lists the failures with their evidence and the user edit as the expected output', async () => {
    await ui.open(`/eval-sets?${RANGE}`);
    await expect.poll(() => ui.heading('Eval sets').isVisible()).toBe(true);
    await openSet('citations');
    await expect.poll(() => ui.page.getByText('No set “citations” yet').count()).toBe(1);

    // The shared filter bar's dimension filters narrow the candidates to the research prompt.
    await ui.page.getByRole('button', { name: 'Dimension filters' }).click();
    await ui.page.getByLabel('Prompt template').fill('research');
    await ui.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => candidates().count()).toBe(history.cluster.length);
    expect(await ui.page.getByLabel('Feature').isDisabled()).toBe(true);

    const first = candidate('cite_0');
    expect(await first.getByRole('list', { name: 'Evidence' }).textContent()).toMatch(
      /strength 13.*1 edit.*5 thumbs down.*1 comment/,
    );
    expect(await first.getByLabel('Expected output').inputValue()).toBe(history.edits.get('cite_0'));
    expect(await first.getByLabel('Eval set').inputValue()).toBe('citations');
    // Nobody edited cite_4: the expected output is left for the curator to write.
    expect(await candidate('cite_4').getByLabel('Expected output').inputValue()).toBe('');
    expect(await ui.axeViolations()).toEqual([]);
  });

  it('accepts an edited, tagged case, rejects another, publishes v1 and exports it as JSONL', async () => {
    const expected = `${history.edits.get('cite_0')} (checked by the team)`;
    const first = candidate('cite_0');
    await first.getByLabel('Expected output').fill(expected);
    await first.getByLabel('Tags').fill('citations, regression');
    await first.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => status('Accepted cite_0 into “citations”.').count()).toBe(1);
    // The set's own decisions leave the candidates.
    await expect.poll(() => candidate('cite_0').count()).toBe(0);

    await candidate('cite_1').getByLabel('Reason, if rejecting').fill('duplicate of cite_0');
    await candidate('cite_1').getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => ui.page.getByText('1 rejected interaction').count()).toBe(1);
    await expect.poll(() => candidates().count()).toBe(history.cluster.length - 2);

    // The draft's case: edit its tags.
    const draftCase = ui.page.getByRole('list', { name: 'Accepted cases' }).getByRole('listitem');
    await expect.poll(() => draftCase.count()).toBe(1);
    expect(await draftCase.getByLabel('Expected output').inputValue()).toBe(expected);
    await draftCase.getByLabel('Tags').fill('citations, regression, links');
    await draftCase.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(async () => (await api<{ cases: Array<{ tags: string[] }> }>('/v1/eval/sets/citations')).cases[0]?.tags)
      .toEqual(['citations', 'regression', 'links']);

    await ui.page.getByRole('button', { name: 'Publish v1' }).click();
    await expect.poll(() => status(/^Published v1 of “citations”: 1 case,/).count()).toBe(1);
    await expect.poll(() => ui.page.getByRole('row', { name: /^v1 1 / }).count()).toBe(1);
    await ui.shot('eval-sets');
    expect(await ui.axeViolations()).toEqual([]);

    const [jsonl] = await Promise.all([
      ui.page.waitForEvent('download'),
      ui.page.getByRole('button', { name: 'Download v1 as JSONL' }).click(),
    ]);
    expect(jsonl.suggestedFilename()).toBe('citations-v1.jsonl');
    const lines = (await downloadText(jsonl)).trim().split('\n');
    expect(lines).toHaveLength(1);
    const published = JSON.parse(lines[0] ?? '{}');
    expect(published).toMatchObject({
      id: 'citations/v1/1',
      expectedOutput: expected,
      tags: ['citations', 'regression', 'links'],
      provenance: { set: 'citations', version: 1, interactionId: 'cite_0', promptTemplate: 'research' },
    });
    expect(published.input.map((m: { role: string }) => m.role)).toEqual(['system', 'user']);

    const [yaml] = await Promise.all([
      ui.page.waitForEvent('download'),
      ui.page.getByRole('button', { name: 'Download v1 as promptfoo' }).click(),
    ]);
    expect(yaml.suggestedFilename()).toBe('citations-v1.promptfoo.yaml');
    expect(await downloadText(yaml)).toContain('interactionId: "cite_0"');
  });

  it('shows the refusal when nothing changed since the latest version', async () => {
    await ui.page.getByRole('button', { name: 'Publish v2' }).click();
    await expect
      .poll(() => ui.page.getByRole('alert').textContent())
      .toBe('Not published: Nothing to publish: the draft of eval set "citations" is unchanged since v1.');
  });

  it('refuses to publish a draft with nothing accepted, with the API message', async () => {
    await openSet('scratch');
    // Another set: what "citations" decided is offered again.
    await expect.poll(() => candidate('cite_1').count()).toBe(1);
    await candidate('cite_2').getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => status('Rejected cite_2 for “scratch”.').count()).toBe(1);
    await expect.poll(() => ui.page.getByText('1 rejected interaction').count()).toBe(1);

    await ui.page.getByRole('button', { name: 'Publish v1' }).click();
    await expect
      .poll(() => ui.page.getByRole('alert').textContent())
      .toBe(
        'Not published: Nothing to publish: the draft of eval set "scratch" has no accepted cases. Accept candidates first.',
      );
    expect((await api<{ latestVersion: number | null }>('/v1/eval/sets/scratch')).latestVersion).toBeNull();
    const sets = ui.page.getByRole('table', { name: "The project's sets" }).locator('tbody th');
    await expect.poll(() => sets.allTextContents()).toEqual(expect.arrayContaining(['citations', 'scratch']));
  });
});
