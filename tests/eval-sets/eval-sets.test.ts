/**
 * Growing an eval set from failures, on every backend: a history with a planted cluster of broken
 * citations yields candidates from that cluster first and never from healthy interactions; curating and
 * publishing makes v1 whose exports hold exactly the accepted cases, PII redacted; later edits and purges
 * leave v1 alone, and publishing again makes v2.
 */
import { FeedloopError } from '@feedloop/core';
import {
  acceptCase,
  type EvalCandidate,
  editCase,
  exportEvalVersion,
  findEvalCandidates,
  getEvalSet,
  listEvalSets,
  publishEvalSet,
  readCandidateRequest,
  rejectCase,
} from '@feedloop/services';
import type { Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import { type EvalHistory, ingestEvalHistory, PII_EMAIL, PII_PHONE } from './eval-history.js';
import { readYaml } from './read-yaml.js';

interface JsonlCase {
  id: string;
  input: Array<{ role: string; content: string }>;
  context: Array<{ id: string; text?: string }>;
  expectedOutput: string;
  originalOutput: string | null;
  tags: string[];
  provenance: { interactionId: string; signalIds: string[]; promptTemplate: string; version: number; set: string };
}

interface PromptfooTest {
  description: string;
  vars: { input: string; context: string; messages?: Array<{ role: string; content: string }> };
  assert: Array<{ type: string; value: string; threshold: number }>;
  metadata: { interactionId: string; tags: string[] };
}

const jsonl = <T>(text: string): T[] =>
  text
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as T);

async function failure(work: Promise<unknown>): Promise<FeedloopError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedloopError);
  return error as FeedloopError;
}

describe.each(backends())('eval sets on $name', (backend) => {
  let store: Store;
  let history: EvalHistory;
  const candidates = async (params: Record<string, string> = {}) =>
    findEvalCandidates(store, readCandidateRequest(params, history.projectId, 'query.'));
  /** Every candidate, walking the pages. */
  const allCandidates = async (params: Record<string, string> = {}) => {
    const out: EvalCandidate[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await candidates({ ...params, ...(cursor === undefined ? {} : { cursor }) });
      out.push(...page.candidates);
      if (page.nextCursor === null) return out;
      cursor = page.nextCursor;
    }
    throw new Error('too many pages');
  };
  const exported = async (set: string, version: string, format: string) =>
    (await exportEvalVersion(store.db, { projectId: history.projectId, set, version, format })).text;

  beforeAll(async () => {
    store = await backend.open();
    history = await ingestEvalHistory(store);
  });
  afterAll(() => store.close());

  it('ranks the planted failure cluster first, with its evidence, and never offers healthy interactions', async () => {
    const page = await candidates({ limit: '8' });
    expect(page.candidates.map((c) => c.interactionId).sort()).toEqual([...history.cluster].sort());
    const strengths = page.candidates.map((c) => c.evidence.strength);
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    expect(Math.min(...strengths)).toBeGreaterThanOrEqual(6);

    const top = page.candidates[0];
    expect(top).toMatchObject({
      promptTemplate: 'research',
      evidence: { thumbsDown: 5, edits: 1, thumbsUp: 0, strength: 13 },
    });
    expect(top?.evidence.comments[0]).toMatch(/citation/i);
    expect(top?.suggestedExpectedOutput).toBe(history.edits.get(top?.interactionId ?? ''));
    expect(top?.evidence.signalIds).toHaveLength(5 + 1 + 1); // down votes, the comment, the latest edit
    const regenerated = page.candidates.find((c) => c.interactionId === 'cite_4');
    expect(regenerated?.evidence).toMatchObject({ thumbsDown: 4, regenerations: 1, strength: 9 });
    expect(regenerated?.suggestedExpectedOutput).toBeNull();
    expect(top?.input).toEqual([
      { role: 'system', content: 'Answer with citations.' },
      { role: 'user', content: expect.stringContaining('citations') },
    ]);
    expect(top?.context[0]).toMatchObject({ source: 'scholar' });

    const every = await allCandidates({ limit: '3' });
    const ids = every.map((c) => c.interactionId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 8)).toEqual(page.candidates.map((c) => c.interactionId));
    expect(ids.slice(8).sort()).toEqual(Object.values(history.weak).sort());
    for (const id of [...history.healthy, ...Object.values(history.notFailures)]) expect(ids).not.toContain(id);
    expect(every.find((c) => c.interactionId === history.weak.outvoted)?.evidence).toMatchObject({
      thumbsDown: 1,
      thumbsUp: 3,
      strength: -1,
    });
    expect(ids[ids.length - 1]).toBe(history.weak.outvoted);
  });

  it('filters by template, time range, model and tenant', async () => {
    expect((await allCandidates({ template: 'research' })).map((c) => c.interactionId).sort()).toEqual(
      [...history.cluster].sort(),
    );
    expect((await allCandidates({ template: 'onboarding' })).map((c) => c.interactionId)).toEqual([
      history.weak.ratedOne,
    ]);
    const late = await allCandidates({ since: '2026-11-10T09:04:00Z' });
    expect(late.map((c) => c.interactionId).sort()).toEqual(
      ['cite_4', 'cite_5', 'cite_6', 'cite_7', ...Object.values(history.weak)].sort(),
    );
    expect(await allCandidates({ until: '2026-11-10T09:00:00Z' })).toEqual([]);
    expect(await allCandidates({ model: 'gpt-nothing' })).toEqual([]);
    expect(await allCandidates({ tenant: 'globex' })).toEqual([]);
  });

  it('curates, publishes v1 with exactly the accepted cases, and exports them redacted', async () => {
    const set = 'citations';
    const [a, b, c, d] = ['cite_0', history.piiId, 'cite_5', 'cite_6'];
    await acceptCase(store, { projectId: history.projectId, set, interactionId: a ?? '', tags: ['citations'] });
    await acceptCase(store, { projectId: history.projectId, set, interactionId: b ?? '' });
    await acceptCase(store, {
      projectId: history.projectId,
      set,
      interactionId: c ?? '',
      expectedOutput: 'I could not verify a source for topic 5, so I will not cite one.',
      tags: ['citations', 'no-source'],
    });
    // No edit to start from and no expected output given: refused, naming the field.
    const missing = await failure(acceptCase(store, { projectId: history.projectId, set, interactionId: d ?? '' }));
    expect(missing.details).toEqual([{ field: 'expectedOutput', reason: expect.stringMatching(/^required/) }]);
    await rejectCase(store, { projectId: history.projectId, set, interactionId: d ?? '', reason: 'duplicate' });
    await rejectCase(store, { projectId: history.projectId, set, interactionId: 'cite_7' });

    // Decided interactions are no longer offered for this set (but still are without a set).
    const open = await allCandidates({ set, template: 'research' });
    expect(open.map((x) => x.interactionId).sort()).toEqual(['cite_1', 'cite_3', 'cite_4'].sort());
    expect(await allCandidates({ template: 'research' })).toHaveLength(8);

    const published = await publishEvalSet(store, history.projectId, set);
    expect(published).toMatchObject({ set, version: 1, cases: 3, skipped: [] });
    expect(published.redaction.EMAIL).toBeGreaterThanOrEqual(2);

    const lines = jsonl<JsonlCase>(await exported(set, '1', 'jsonl'));
    expect(lines.map((l) => l.provenance.interactionId)).toEqual([a, b, c]);
    expect(lines.map((l) => l.id)).toEqual(['citations/v1/1', 'citations/v1/2', 'citations/v1/3']);
    expect(lines[0]).toMatchObject({
      expectedOutput: history.edits.get('cite_0'),
      tags: ['citations'],
      provenance: { promptTemplate: 'research', set, version: 1 },
    });
    expect(lines[0]?.provenance.signalIds).toHaveLength(7);
    expect(lines[2]).toMatchObject({
      tags: ['citations', 'no-source'],
      expectedOutput: expect.stringMatching(/^I could not/),
    });

    const pii = lines[1];
    const text = JSON.stringify(pii);
    expect(text).not.toContain(PII_EMAIL);
    expect(text).not.toContain(PII_PHONE);
    expect(pii?.input[1]?.content).toContain('<EMAIL_1>');
    expect(pii?.input[1]?.content).toContain('<PHONE_1>');
    // One record, one numbering: the same address is the same placeholder in the expected output.
    expect(pii?.expectedOutput).toContain('<EMAIL_1>');

    const yaml = await exported(set, 'v1', 'promptfoo');
    const doc = readYaml(yaml) as { tests: PromptfooTest[] };
    expect(doc.tests.map((t) => t.metadata.interactionId)).toEqual([a, b, c]);
    for (const [i, t] of doc.tests.entries()) {
      expect(t.assert).toEqual([{ type: 'similar', value: lines[i]?.expectedOutput, threshold: 0.8 }]);
      expect(t.vars.input).toBe(lines[i]?.input[1]?.content);
      expect(t.vars.messages).toEqual(lines[i]?.input);
      expect(t.vars.context).toContain('Survey of topic');
    }
    expect(yaml).not.toContain(PII_EMAIL);

    const evals = jsonl<{ input: Array<{ role: string; content: string }>; ideal: string }>(
      await exported(set, 'latest', 'openai-evals'),
    );
    expect(evals.map((e) => e.ideal)).toEqual(lines.map((l) => l.expectedOutput));
    expect(evals[0]?.input.map((m) => m.role)).toEqual(['system', 'system', 'user']);
    expect(evals[0]?.input[1]?.content).toMatch(/^Retrieved context:/);

    const [summary] = await listEvalSets(store.db, history.projectId);
    expect(summary).toMatchObject({
      name: set,
      latestVersion: 1,
      draft: { accepted: 3, rejected: 2 },
      unpublishedChanges: false,
    });
  });

  it('keeps v1 unchanged by later edits and purges; publishing again makes v2', async () => {
    const set = 'citations';
    const v1 = {
      jsonl: await exported(set, '1', 'jsonl'),
      promptfoo: await exported(set, '1', 'promptfoo'),
      evals: await exported(set, '1', 'openai-evals'),
    };
    const edited = await editCase(store, {
      projectId: history.projectId,
      set,
      interactionId: 'cite_0',
      expectedOutput: 'See Smith et al. (2021) — the corrected citation.',
      addTags: ['edited'],
    });
    expect(edited.tags).toEqual(['citations', 'edited']);
    // A retention purge wipes the interaction's text; a deletion removes a row: v1 holds its own copy.
    await store.db
      .updateTable('interactions')
      .set({ input: null, output: null })
      .where('project_id', '=', history.projectId)
      .where('id', '=', 'cite_5')
      .execute();
    expect((await getEvalSet(store.db, history.projectId, set)).unpublishedChanges).toBe(true);
    expect(await exported(set, '1', 'jsonl')).toBe(v1.jsonl);
    expect(await exported(set, '1', 'promptfoo')).toBe(v1.promptfoo);
    expect(await exported(set, '1', 'openai-evals')).toBe(v1.evals);

    const v2 = await publishEvalSet(store, history.projectId, set);
    expect(v2).toMatchObject({ version: 2, cases: 2, skipped: [{ interactionId: 'cite_5', reason: 'no-prompt' }] });
    const lines = jsonl<JsonlCase>(await exported(set, 'latest', 'jsonl'));
    expect(lines.map((l) => [l.provenance.interactionId, l.expectedOutput, l.tags])).toEqual([
      ['cite_0', 'See Smith et al. (2021) — the corrected citation.', ['citations', 'edited']],
      [history.piiId, expect.stringContaining('<EMAIL_1>'), []],
    ]);
    expect(await exported(set, '1', 'jsonl')).toBe(v1.jsonl);

    const unchanged = await failure(publishEvalSet(store, history.projectId, set));
    expect(unchanged).toMatchObject({ code: 'FL_CONFLICT', message: expect.stringContaining('unchanged since v2') });
  });

  it('refuses to publish an empty draft, and names what is missing', async () => {
    await rejectCase(store, { projectId: history.projectId, set: 'only-rejected', interactionId: 'cite_1' });
    const empty = await failure(publishEvalSet(store, history.projectId, 'only-rejected'));
    expect(empty).toMatchObject({ code: 'FL_CONFLICT', status: 409 });
    expect(empty.message).toBe(
      'Nothing to publish: the draft of eval set "only-rejected" has no accepted cases. Accept candidates first.',
    );
    expect(await failure(publishEvalSet(store, history.projectId, 'never-made'))).toMatchObject({
      code: 'FL_NOT_FOUND',
    });
    expect(
      await failure(
        exportEvalVersion(store.db, {
          projectId: history.projectId,
          set: 'only-rejected',
          version: 'latest',
          format: 'jsonl',
        }),
      ),
    ).toMatchObject({
      code: 'FL_NOT_FOUND',
      message: 'Eval set "only-rejected" has no published version yet.',
    });
  });

  it('names every bad input', async () => {
    const bad = await failure(
      acceptCase(store, {
        projectId: history.projectId,
        set: 'no spaces!',
        interactionId: 'cite_1',
        expectedOutput: '   ',
        tags: ['ok', 'not ok'],
      }),
    );
    expect(bad.details?.map((d) => d.field)).toEqual(['params.name', 'expectedOutput', 'tags[1]']);
    expect(
      await failure(acceptCase(store, { projectId: history.projectId, set: 's', interactionId: 'nope' })),
    ).toMatchObject({ code: 'FL_NOT_FOUND' });
    const request = await failure(
      Promise.resolve().then(() =>
        readCandidateRequest({ limit: '500', since: 'yesterday', cursor: 'garbage' }, history.projectId, '--'),
      ),
    );
    expect(request.details?.map((d) => d.field)).toEqual(['--since', '--limit', '--cursor']);
    const rejected = await failure(
      editCase(store, { projectId: history.projectId, set: 'citations', interactionId: 'cite_7', addTags: ['x'] }),
    );
    expect(rejected).toMatchObject({ code: 'FL_CONFLICT' });
  });
});
