/**
 * A generated project history with a planted failure cluster, for the eval-set tests. Seeded, so it is the
 * same on every run and backend:
 *
 * - healthy: 60 interactions on the `support` and `onboarding` templates, voted up (and copied) only;
 * - the cluster: 8 interactions on the `research` template whose citations are broken — 3 to 5 down votes
 *   each, comments about the citations, 4 of them edited by a user (the fixed answer), 2 regenerated;
 *   one of them carries an email address and a phone number in its input;
 * - weak failures on `support`: one down vote; one regeneration; one down vote outweighed by three up;
 *   one rating of 1;
 * - not failures at all: a down vote its voter later changed to up (the latest vote wins), and a down
 *   vote from a bot user agent (set aside by the abuse filter).
 */
import type { InteractionRecord, SignalRecord } from '@feedloop/core';
import { seededRandom } from '@feedloop/core';
import { createProject, type Store } from '@feedloop/store';
import { interactionRecord, signalRecord } from '../helpers/fixtures.js';

export const START = Date.parse('2026-11-10T08:00:00Z');
const MINUTE = 60_000;

export const PII_EMAIL = 'ada.lovelace@example.com';
export const PII_PHONE = '+1 415 555 0100';

export interface EvalHistory {
  projectId: string;
  healthy: string[];
  /** The planted cluster, in the order it was created. */
  cluster: string[];
  /** Cluster members edited by a user, with the edit's text. */
  edits: Map<string, string>;
  /** The cluster member whose input carries PII. */
  piiId: string;
  weak: { oneDown: string; regenerated: string; outvoted: string; ratedOne: string };
  notFailures: { changedToUp: string; botDown: string };
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function ingestEvalHistory(store: Store, existingProjectId?: string): Promise<EvalHistory> {
  const projectId = existingProjectId ?? (await createProject(store.db, { name: 'eval-history' })).id;
  const random = seededRandom(20261110);
  const interactions: InteractionRecord[] = [];
  const signals: SignalRecord[] = [];
  let minute = 0;
  let voters = 0;
  const add = (id: string, overrides: Record<string, unknown>) => {
    const createdAt = START + minute++ * MINUTE;
    interactions.push(
      interactionRecord({ id, createdAt: iso(createdAt), userId: `owner_${id}`, sessionId: `s_${id}`, ...overrides }),
    );
    return createdAt;
  };
  const signal = (interactionId: string, at: number, overrides: Record<string, unknown>) => {
    voters++;
    signals.push(
      signalRecord(interactionId, {
        id: `sig_${interactionId}_${voters}`,
        userId: `voter_${voters}`,
        sessionId: `vs_${voters}`,
        createdAt: iso(at),
        ...overrides,
      }),
    );
  };
  const thumbs = (value: number) => ({ kind: 'explicit', type: 'thumbs', value });

  const healthy: string[] = [];
  for (let n = 0; n < 60; n++) {
    const id = `healthy_${n}`;
    const template = n % 2 === 0 ? 'support' : 'onboarding';
    const at = add(id, {
      promptTemplate: template,
      input: [{ role: 'user', content: `How do I do task ${n}?` }],
      output: `Here is how to do task ${n}.`,
    });
    const ups = 1 + Math.floor(random() * 3);
    for (let v = 0; v < ups; v++) signal(id, at + (v + 1) * 1000, thumbs(1));
    if (random() < 0.5) signal(id, at + 9000, { kind: 'implicit', type: 'copy', value: null });
    healthy.push(id);
  }

  const cluster: string[] = [];
  const edits = new Map<string, string>();
  const downs = [5, 5, 4, 4, 4, 3, 3, 3];
  const complaints = [
    'The citation link is broken',
    'Citations point to the wrong paper',
    'Broken citation, 404',
    'The sources cited do not exist',
  ];
  let piiId = '';
  for (let n = 0; n < 8; n++) {
    const id = `cite_${n}`;
    const question =
      n === 2
        ? `Find papers on transformers and send them to ${PII_EMAIL} or call ${PII_PHONE}`
        : `Find papers about topic ${n} with citations`;
    if (n === 2) piiId = id;
    const at = add(id, {
      promptTemplate: 'research',
      promptVersion: '3',
      model: 'gpt-x',
      input: [
        { role: 'system', content: 'Answer with citations.' },
        { role: 'user', content: question },
      ],
      context: [{ id: `doc_${n}`, text: `Survey of topic ${n} (2021).`, source: 'scholar', score: 0.7 }],
      output: `See [1] https://papers.example/broken-${n} for topic ${n}.`,
    });
    for (let v = 0; v < (downs[n] ?? 3); v++) signal(id, at + (v + 1) * 1000, thumbs(-1));
    signal(id, at + 20_000, { kind: 'explicit', type: 'comment', value: complaints[n % complaints.length] });
    // Edits on the first four, strongest first: each edit weighs more than a vote.
    if (n < 4) {
      const text =
        n === 2
          ? `Here are two papers; I have emailed them to ${PII_EMAIL}: Vaswani et al. 2017, https://arxiv.org/abs/1706.03762`
          : `See Smith et al. (2021), https://doi.org/10.1000/topic-${n}, for topic ${n}.`;
      signal(id, at + 30_000, { kind: 'correction', type: 'edit', value: `An older draft ${n}` });
      // The same editor's later edit is the one that counts.
      const editor = signals[signals.length - 1]?.userId;
      signal(id, at + 40_000, { kind: 'correction', type: 'edit', value: text, userId: editor });
      edits.set(id, text);
    }
    if (n === 4 || n === 5) signal(id, at + 50_000, { kind: 'implicit', type: 'regenerate', value: null });
    cluster.push(id);
  }

  const oneDown = 'weak_down';
  let at = add(oneDown, { promptTemplate: 'support', output: 'Try turning it off and on.' });
  signal(oneDown, at + 1000, thumbs(-1));
  const regenerated = 'weak_regen';
  at = add(regenerated, { promptTemplate: 'support', output: 'A first attempt.' });
  signal(regenerated, at + 1000, { kind: 'implicit', type: 'regenerate', value: null });
  add('weak_regen_retry', { promptTemplate: 'support', output: 'A second attempt.', parentId: regenerated });
  const outvoted = 'weak_outvoted';
  at = add(outvoted, { promptTemplate: 'support', output: 'Mostly fine.' });
  signal(outvoted, at + 1000, thumbs(-1));
  for (let v = 0; v < 3; v++) signal(outvoted, at + 2000 + v * 1000, thumbs(1));
  const ratedOne = 'weak_rated1';
  at = add(ratedOne, { promptTemplate: 'onboarding', output: 'Unhelpful.' });
  signal(ratedOne, at + 1000, { kind: 'explicit', type: 'rating', value: 1 });

  const changedToUp = 'changed_mind';
  at = add(changedToUp, { promptTemplate: 'support', output: 'Good after all.' });
  signal(changedToUp, at + 1000, { ...thumbs(-1), userId: 'u_changer', sessionId: 's_changer' });
  signal(changedToUp, at + 5000, { ...thumbs(1), userId: 'u_changer', sessionId: 's_changer' });
  const botDown = 'bot_target';
  at = add(botDown, { promptTemplate: 'support', output: 'Fine answer.' });
  signal(botDown, at + 1000, { ...thumbs(-1), metadata: { userAgent: 'python-requests/2.31' } });

  await store.ingest(projectId, { interactions, signals }, START + 7 * 86_400_000);
  return {
    projectId,
    healthy,
    cluster,
    edits,
    piiId,
    weak: { oneDown, regenerated, outvoted, ratedOne },
    notFailures: { changedToUp, botDown },
  };
}
