/**
 * A month of seeded feedback ending now, for the dashboard tests: four models with planted satisfaction
 * (atlas-large best, atlas-mini worst, atlas-nano too small to rank), a burst voter the abuse filter sets
 * aside, and one hand-written interaction about a flux capacitor whose signals arrive out of order.
 */
import { type Arm, DAY, generateArms, ingestAll, interactionAt, signalAt, vote } from '../helpers/analysis-data.js';
import type { RunningFeedloop } from '../helpers/server.js';

export const startOfUtcDay = (ms: number): number => Math.floor(ms / DAY) * DAY;

export const ARMS: Arm[] = [
  {
    dimensions: { model: 'atlas-large', promptVersion: '3', tenant: 'acme' },
    pUp: 0.85,
    interactions: 240,
    pRegenerate: 0.04,
    pEdit: 0.05,
    ratingWeights: [1, 1, 2, 6, 10],
  },
  {
    dimensions: { model: 'atlas-mini', promptVersion: '2', tenant: 'globex' },
    pUp: 0.5,
    interactions: 200,
    pRegenerate: 0.2,
    pEdit: 0.12,
    ratingWeights: [4, 5, 5, 4, 2],
  },
  {
    dimensions: { model: 'atlas-medium', promptVersion: '3', tenant: 'globex' },
    pUp: 0.7,
    interactions: 150,
    pRegenerate: 0.1,
  },
  { dimensions: { model: 'atlas-nano', promptVersion: '1', tenant: 'initech' }, pUp: 0.6, interactions: 12 },
];

export const PLANTED = {
  id: 'int_flux_capacitor',
  question: 'How do I recalibrate the flux capacitor after a power surge?',
  output: 'Open the rear panel, turn the dial to 88 and wait one minute before closing it.',
  edit: 'Open the rear panel, turn the dial to 1.21 and wait two minutes before closing it.',
  comment: 'The dial setting is wrong',
  /** Signal types in the order they happened (they are sent shuffled). */
  order: ['thumbs', 'comment', 'copy', 'edit', 'thumbs'],
};

/** Ingests the month through the store, then the planted interaction over real HTTP. */
export async function seedDashboardData(fl: RunningFeedloop, now = Date.now()): Promise<void> {
  const start = now - 30 * DAY;
  const generated = generateArms(ARMS, 42, start, 30);
  // Every day of the last week has votes, today included however early it is.
  const todayAt = Math.max(startOfUtcDay(now), now - 60_000);
  for (let d = 0; d < 7; d++) {
    const at = d === 0 ? todayAt : startOfUtcDay(now) - d * DAY + 12 * 3_600_000;
    const i = interactionAt(at, { model: 'atlas-large', promptVersion: '3', tenant: 'acme', userId: `u_day_${d}` });
    generated.interactions.push(i);
    generated.signals.push(vote(i.id, at, true, `u_day_${d}`, `s_day_${d}`));
  }
  // One voter casting 25 votes within a minute, 3 days ago: a burst the abuse filter sets aside.
  const burstAt = startOfUtcDay(now) - 3 * DAY + 9 * 3_600_000;
  const targets = generated.interactions.filter((i) => i.model === 'atlas-mini').slice(0, 25);
  targets.forEach((i, k) => {
    generated.signals.push(
      signalAt(i.id, burstAt + k * 1_000, {
        kind: 'explicit',
        type: 'thumbs',
        value: -1,
        valueNum: -1,
        userId: 'u_burst',
        sessionId: 's_burst',
      }),
    );
  });
  await ingestAll(fl.store, fl.projectId, generated);

  const at = startOfUtcDay(now) - 2 * DAY + 15 * 3_600_000;
  const iso = (offset: number) => new Date(at + offset).toISOString();
  const common = { interactionId: PLANTED.id, userId: 'u_marty', sessionId: 's_marty' };
  const signals = [
    { id: 'sig_flux_5', type: 'thumbs', kind: 'explicit', value: 1, createdAt: iso(60_000) },
    { id: 'sig_flux_3', type: 'copy', kind: 'implicit', createdAt: iso(20_000) },
    { id: 'sig_flux_1', type: 'thumbs', kind: 'explicit', value: -1, createdAt: iso(5_000) },
    { id: 'sig_flux_4', type: 'edit', kind: 'correction', value: PLANTED.edit, createdAt: iso(40_000) },
    { id: 'sig_flux_2', type: 'comment', kind: 'explicit', value: PLANTED.comment, createdAt: iso(10_000) },
  ].map((s) => ({ ...common, ...s }));
  const response = await fetch(`${fl.url}/v1/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fl.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      interactions: [
        {
          id: PLANTED.id,
          createdAt: iso(0),
          sessionId: 's_marty',
          userId: 'u_marty',
          tenant: 'acme',
          feature: 'support-chat',
          language: 'en',
          model: 'atlas-large',
          modelVersion: '2026-10',
          promptTemplate: 'support',
          promptVersion: '3',
          input: [
            { role: 'system', content: 'You are the Hill Valley support assistant.' },
            { role: 'user', content: PLANTED.question },
          ],
          context: [{ id: 'doc_flux', text: 'Calibration needs 1.21 gigawatts.', source: 'manual', score: 0.91 }],
          output: PLANTED.output,
          latencyMs: 840,
        },
      ],
      signals,
    }),
  });
  const body = (await response.json()) as { results: Array<{ status: string }> };
  if (!response.ok || body.results.some((r) => r.status !== 'created')) {
    throw new Error(`seeding the planted interaction failed: ${JSON.stringify(body)}`);
  }
}
