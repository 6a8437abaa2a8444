/**
 * A realistic history to forget a user in: two tenants of honest users (votes, ratings, edits,
 * regenerations), plus
 * - ana (acme): three interactions with text (one regenerating another), votes she changed, a comment, an
 *   edit, a rating, a copy, a session outcome, a vote waiting for an interaction that never came, one
 *   vote sent after screening; votes of hers on bob's answer, changed too, and a copy of it not linked yet;
 * - bob, carol (acme): bob's changed vote on ana's answer, carol's comment on it from a bot user agent,
 *   bob's regeneration of ana's answer, carol's preference of her answer over ana's;
 * - troll: 40 down votes on other people's answers (acme and globex), one of them ana's, ten a minute.
 * Screening runs before the last vote, so flags, adjustments and current votes exist, and one does not.
 */
import type { InteractionRecord, SignalRecord } from '@feedloop/core';
import { screenProject } from '@feedloop/services';
import { addRollups, createProject, RollupAccumulator, type Store } from '@feedloop/store';
import { DAY, generateArms, ingestAll, interactionAt, signalAt, vote, WEEK_START } from '../helpers/analysis-data.js';

export const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0';
const t0 = WEEK_START + 2 * DAY;

export interface PrivacyHistory {
  projectId: string;
  ana: { interactions: InteractionRecord[]; signals: SignalRecord[] };
  /** Signals of others about ana's interactions. */
  aboutAna: SignalRecord[];
  /** Carol's preference of her answer over ana's. */
  preferenceOverAna: SignalRecord;
  /** Bob's answer that regenerated one of ana's. */
  bobRegeneration: InteractionRecord;
  troll: SignalRecord[];
}

const text = (userId: string, sessionId: string, input: string, output: string, extra: Partial<InteractionRecord>) => ({
  userId,
  sessionId,
  tenant: 'acme',
  input: [{ role: 'user', content: input }],
  output,
  context: [{ id: `doc_${input.length}`, text: `Knowledge base article about ${input}`, source: 'kb', score: 0.8 }],
  metadata: { plan: 'pro', email: `${userId}@example.com` },
  ...extra,
});

/**
 * Puts a counted signal back in the state of one whose interaction arrived but was not linked to it yet
 * (on PostgreSQL, a crash between the two steps leaves this until the start-up sweep): `rolled_up = 0`
 * and not in the rollups.
 */
async function markNotLinkedYet(store: Store, projectId: string, s: SignalRecord, i: InteractionRecord) {
  await store.db
    .updateTable('signals')
    .set({ rolled_up: 0 })
    .where('project_id', '=', projectId)
    .where('id', '=', s.id)
    .execute();
  const cells = new RollupAccumulator(projectId);
  cells.addSignal(s, i, -1);
  await addRollups(store.db, cells.rows());
}

export async function ingestPrivacyHistory(store: Store, name = 'privacy'): Promise<PrivacyHistory> {
  const projectId = (await createProject(store.db, { name })).id;
  const honest = generateArms(
    [
      {
        dimensions: { tenant: 'acme', model: 'm-1' },
        pUp: 0.7,
        interactions: 60,
        pRegenerate: 0.2,
        pEdit: 0.15,
        ratingWeights: [1, 1, 2, 3, 3],
      },
      { dimensions: { tenant: 'globex', model: 'm-2' }, pUp: 0.6, interactions: 60, pEdit: 0.1 },
    ],
    41,
  );

  const a1 = interactionAt(t0, text('ana', 's-ana', 'Where is my order 4411?', 'It ships Friday.', {}));
  const a2 = interactionAt(
    t0 + 60_000,
    text('ana', 's-ana', 'Where is my order 4411?', 'It shipped Monday.', { parentId: a1.id }),
  );
  const a3 = interactionAt(t0 + DAY, text('ana', 's-ana', 'Change my address to 5 Rue Blanche', 'Done.', {}));
  const b1 = interactionAt(t0 + 2 * 60_000, text('bob', 's-bob', 'Reset my password', 'Use the link.', {}));
  const bobRegeneration = interactionAt(
    t0 + DAY + 60_000,
    text('bob', 's-bob', 'Change my address to 5 Rue Blanche', 'Updated.', { parentId: a3.id }),
  );
  const c1 = interactionAt(t0 + 3 * 60_000, text('carol', 's-carol', 'Where is my order 4411?', 'Monday.', {}));

  const anaSignal = (interactionId: string | null, at: number, overrides: Partial<SignalRecord>) =>
    signalAt(interactionId, at, { userId: 'ana', sessionId: 's-ana', metadata: { userAgent: BROWSER }, ...overrides });
  const anaSignals = [
    vote(a1.id, t0 + 5_000, true, 'ana', 's-ana'),
    vote(a1.id, t0 + 30_000, false, 'ana', 's-ana'),
    anaSignal(a1.id, t0 + 35_000, {
      kind: 'explicit',
      type: 'comment',
      value: 'The tracking link is wrong',
      valueNum: null,
    }),
    anaSignal(a1.id, t0 + 50_000, { kind: 'implicit', type: 'regenerate', value: null, valueNum: null }),
    anaSignal(a2.id, t0 + 70_000, { kind: 'explicit', type: 'rating', value: 2, valueNum: 2 }),
    anaSignal(a2.id, t0 + 80_000, {
      kind: 'correction',
      type: 'edit',
      value: 'It shipped Monday, tracking 1Z99',
      valueNum: null,
    }),
    anaSignal(a2.id, t0 + 90_000, { kind: 'implicit', type: 'copy', value: null, valueNum: null }),
    vote(a3.id, t0 + DAY + 5_000, true, 'ana', 's-ana'),
    vote(b1.id, t0 + 3 * 60_000, false, 'ana', 's-ana'),
    vote(b1.id, t0 + 4 * 60_000, true, 'ana', 's-ana'),
    anaSignal(null, t0 + DAY + 10_000, {
      kind: 'outcome',
      type: 'outcome',
      value: { name: 'ticket_resolved', success: false },
      valueNum: 0,
    }),
    // About an interaction that never arrives: stored, waiting, never counted.
    anaSignal('int_never_sent', t0 + DAY + 20_000, { kind: 'explicit', type: 'thumbs', value: 1, valueNum: 1 }),
  ];
  // Stored before bob's answer, whose arrival has not linked it yet (a crash between the two steps).
  const unlinked = anaSignal(b1.id, t0 + 5 * 60_000, { kind: 'implicit', type: 'copy', value: null, valueNum: null });
  const aboutAna = [
    vote(a1.id, t0 + 100_000, true, 'bob', 's-bob'),
    vote(a1.id, t0 + 110_000, false, 'bob', 's-bob'),
    signalAt(a3.id, t0 + DAY + 30_000, {
      kind: 'explicit',
      type: 'comment',
      value: 'Same problem here',
      valueNum: null,
      userId: 'carol',
      sessionId: 's-carol',
      metadata: { userAgent: 'python-requests/2.31' },
    }),
  ];
  const preferenceOverAna = signalAt(c1.id, t0 + 4 * 60_000, {
    kind: 'explicit',
    type: 'preference',
    value: { over: a2.id },
    valueNum: null,
    userId: 'carol',
    sessionId: 's-carol',
  });

  // Troll: 40 votes on others' answers at 6 s intervals; ana's a1 is the 31st (past the no-views limit).
  const targets = [
    ...honest.interactions.filter((i) => i.tenant === 'acme').slice(0, 20),
    ...honest.interactions.filter((i) => i.tenant === 'globex').slice(0, 19),
  ];
  targets.splice(30, 0, a1);
  const troll = targets.map((i, k) =>
    signalAt(i.id, t0 + 2 * DAY + k * 6_000, {
      kind: 'explicit',
      type: 'thumbs',
      value: -1,
      valueNum: -1,
      userId: 'troll',
      sessionId: 's-troll',
      metadata: { userAgent: BROWSER },
    }),
  );

  await ingestAll(store, projectId, honest);
  await store.ingest(projectId, { interactions: [a1, a2, a3, b1, bobRegeneration, c1], signals: [] }, Date.now());
  const late = vote(a3.id, t0 + DAY + 60_000, false, 'ana', 's-ana');
  await store.ingest(
    projectId,
    { interactions: [], signals: [...anaSignals, ...aboutAna, preferenceOverAna, ...troll] },
    Date.now(),
  );
  await store.ingest(projectId, { interactions: [], signals: [unlinked] }, Date.now());
  await markNotLinkedYet(store, projectId, unlinked, b1);
  await screenProject(store, projectId);
  // Sent after screening: counted in the rollups, not screened yet.
  await store.ingest(projectId, { interactions: [], signals: [late] }, Date.now());

  return {
    projectId,
    ana: { interactions: [a1, a2, a3], signals: [...anaSignals, unlinked, late] },
    aboutAna: [...aboutAna, troll[30] as SignalRecord],
    preferenceOverAna,
    bobRegeneration,
    troll,
  };
}
