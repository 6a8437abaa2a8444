/**
 * One project's history with every kind of evidence an export selects from, ingested through
 * `store.ingest` exactly as the API would store it. Interactions are a minute apart (in the order listed)
 * and signals a few seconds after their interaction, so what "latest" means is never ambiguous.
 */
import type { InteractionRecord, SignalRecord } from '@feedloop/core';
import { createProject, type Store } from '@feedloop/store';
import { BASE_TIME, interactionRecord, signalRecord } from '../helpers/fixtures.js';

export const at = (minute: number, seconds = 0) => new Date(BASE_TIME + minute * 60_000 + seconds * 1000).toISOString();

const FRANCE = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Capital of France?' },
];
export const PII_EMAIL = 'jane.doe@example.com';
export const PII_PHONE = '+1 415 555 0100';

type Spec = Record<string, unknown> & { id: string };

/** The interactions, in time order. Every field not given takes the fixture's default (tenant acme…). */
const INTERACTIONS: Spec[] = [
  { id: 'edit1', input: 'How do I reset my password?', output: 'Go to Settings.' },
  { id: 'up1', input: FRANCE, output: 'Paris.' },
  { id: 'down1', input: FRANCE, output: 'Lyon.' },
  { id: 'regenP', input: 'Write a haiku about rain', output: 'Rain rain go away.' },
  {
    id: 'regenC',
    input: 'Write a haiku about rain',
    output: 'Soft rain on the roof\nwhispers to the sleeping town\npuddles hold the sky',
    parentId: 'regenP',
  },
  { id: 'regenP2', input: 'Name a prime number', output: 'Nine.' },
  { id: 'regenC2', input: 'Name a prime number', output: 'Seven.', parentId: 'regenP2' },
  { id: 'regenC3', input: 'Name a prime number', output: 'Four.', parentId: 'regenP2' },
  { id: 'prefA', input: 'Summarise the meeting', output: 'We agreed to ship on Friday.' },
  { id: 'prefB', input: 'Summarise the meeting', output: 'There was a meeting.' },
  { id: 'prefC', input: "Translate 'hello' to French", output: 'Bonjour.' },
  { id: 'prefD', input: "Translate 'hello' to French", output: 'Hola.' },
  { id: 'flip', input: 'Is the sky blue?', output: 'Yes.' },
  { id: 'takeback', input: 'Is grass green?', output: 'Usually.' },
  { id: 'rated5', input: 'Recommend a book', output: "Try 'Dune'." },
  { id: 'rated1', input: 'Recommend a film', output: 'No.' },
  ...[1, 2, 3, 4, 5].map((n) => ({
    id: `heavy${n}`,
    userId: 'u_heavy',
    model: 'gpt-y',
    input: `Heavy question ${n}`,
    output: `Heavy answer ${n}`,
  })),
  { id: 'dup1', userId: 'u_h1', promptTemplate: 'math', promptVersion: '2', input: 'What is 2+2?', output: '4.' },
  { id: 'dup2', userId: 'u_h2', promptTemplate: 'math', promptVersion: '2', input: 'What is 2+2?', output: '4.' },
  {
    id: 'pii1',
    input: `My email is ${PII_EMAIL}, call me on ${PII_PHONE}`,
    output: `Noted: I will email ${PII_EMAIL}.`,
  },
  { id: 'g1', tenant: 'globex', input: 'Globex question', output: 'Globex answer' },
  {
    id: 'tool1',
    input: [
      { role: 'user', content: 'Weather?' },
      { role: 'tool', content: '{"temp": 20}' },
    ],
    output: 'It is 20 degrees.',
  },
  { id: 'empty1', input: 'Say nothing', output: '' },
  { id: 'prefMissing', input: 'Pick one', output: 'A.' },
  { id: 'edit2', input: 'Write a greeting', output: 'Hi.' },
];

const thumbs = (value: number) => ({ type: 'thumbs', kind: 'explicit', value });
const rating = (value: number) => ({ type: 'rating', kind: 'explicit', value });
const edit = (value: string) => ({ type: 'edit', kind: 'correction', value });
const prefer = (over: string) => ({ type: 'preference', kind: 'explicit', value: { over } });
const accept = { type: 'accept', kind: 'implicit' };

/** [interaction, user, seconds after the interaction, signal] */
const SIGNALS: Array<[string, string, number, Record<string, unknown>]> = [
  ['edit1', 'u_edit', 5, edit('Open Settings, then Security, then Reset password.')],
  ['up1', 'u_a', 5, thumbs(1)],
  ['down1', 'u_b', 5, thumbs(-1)],
  ['regenC', 'u_c', 5, accept],
  ['regenC2', 'u_c2', 5, thumbs(1)],
  ['prefA', 'u_d', 5, prefer('prefB')],
  ['prefC', 'u_e', 5, prefer('prefD')],
  // A minute later (prefD is a minute after prefC): u_e changed their mind.
  ['prefD', 'u_e', 5, prefer('prefC')],
  ['flip', 'u_f', 5, thumbs(1)],
  ['flip', 'u_f', 15, thumbs(-1)],
  ['takeback', 'u_f', 5, thumbs(1)],
  ['takeback', 'u_f', 15, thumbs(0)],
  ['rated5', 'u_g', 5, rating(5)],
  ['rated1', 'u_g', 5, rating(1)],
  ...[1, 2, 3, 4, 5].map((n): [string, string, number, Record<string, unknown>] => [
    `heavy${n}`,
    'u_heavy',
    5,
    thumbs(1),
  ]),
  ['dup1', 'u_h1', 5, thumbs(1)],
  ['dup2', 'u_h2', 5, thumbs(1)],
  ['pii1', 'u_p', 5, edit(`I will email ${PII_EMAIL} and call ${PII_PHONE}.`)],
  ['g1', 'u_x', 5, thumbs(1)],
  ['tool1', 'u_t', 5, thumbs(1)],
  ['empty1', 'u_t', 5, thumbs(1)],
  ['prefMissing', 'u_m', 5, prefer('ghost')],
  ['edit2', 'u_e1', 5, edit('Hello there.')],
  ['edit2', 'u_e2', 10, edit('Good morning!')],
  ['edit2', 'u_e1', 15, edit('Hello there, friend.')],
];

/** The minute at which each interaction was created. */
export const MINUTE: Record<string, number> = Object.fromEntries(INTERACTIONS.map((s, i) => [s.id, i]));

export function historyRecords(): { interactions: InteractionRecord[]; signals: SignalRecord[] } {
  const interactions = INTERACTIONS.map((spec, i) =>
    interactionRecord({ userId: `owner_${spec.id}`, context: [], ...spec, createdAt: at(i) }),
  );
  const signals = SIGNALS.map(([interactionId, userId, seconds, body], n) =>
    signalRecord(interactionId, {
      id: `sig_${n}`,
      userId,
      createdAt: at(MINUTE[interactionId] ?? 0, seconds),
      ...body,
    }),
  );
  return { interactions, signals };
}

/** Stores the history in `projectId` (default: a fresh project); returns the project id. */
export async function ingestHistory(store: Store, projectId?: string): Promise<string> {
  const id = projectId ?? (await createProject(store.db, { name: 'export-test' })).id;
  const { interactions, signals } = historyRecords();
  // Signals first: several arrive before their interaction, as they may in production.
  await store.ingest(id, { interactions: [], signals: signals.slice(0, 5) }, Date.now());
  await store.ingest(id, { interactions, signals: signals.slice(5) }, Date.now());
  return id;
}
