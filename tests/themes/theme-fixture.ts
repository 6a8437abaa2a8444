/**
 * A themes fixture built to hit the edges of the overview and the trends: the latest run of a project with
 * random members plus planted ties, an older run over the same interactions, and another project.
 */
import { createProject, type Database } from '@feedloop/store';
import type { Kysely } from 'kysely';
import { insertMembers } from '../../packages/services/src/themes/theme-store.js';

const DAY = 86_400_000;
export const NOW = Date.UTC(2026, 10, 19, 15);
export const RUN = 'run_latest';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Member {
  id: string;
  theme: string;
  at: number;
  similarity: number;
  evidence: string[];
  dims?: Partial<Record<'tenant' | 'feature' | 'language' | 'model', string | null>>;
  /** The interaction was deleted (the member row stays). */
  gone?: boolean;
}

async function seed(db: Kysely<Database>, projectId: string, runId: string, createdAt: number, list: Member[]) {
  const interactions = list
    .filter((m) => !m.gone)
    .map((m) => ({
      project_id: projectId,
      id: m.id,
      tenant: m.dims?.tenant ?? null,
      feature: m.dims?.feature ?? null,
      language: m.dims?.language ?? null,
      model: m.dims?.model ?? null,
      input: JSON.stringify([{ role: 'user', content: `prompt of ${m.id}` }]),
      output: m.id.endsWith('0') ? null : `answer to ${m.id}`,
      created_at: m.at,
      received_at: m.at,
    }));
  for (let i = 0; i < interactions.length; i += 200) {
    await db
      .insertInto('interactions')
      .values(interactions.slice(i, i + 200))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await db
    .insertInto('theme_runs')
    .values({
      project_id: projectId,
      id: runId,
      created_at: createdAt,
      window_from: NOW - 60 * DAY,
      window_to: NOW,
      tenant: null,
      representation: 'tfidf',
      k: 5,
      pool_size: list.length,
      noise: list.filter((m) => m.theme === '').length,
      params: '{}',
    })
    .execute();
  const rows = list.map((m) => ({
    project_id: projectId,
    run_id: runId,
    interaction_id: m.id,
    theme_id: m.theme,
    similarity: m.similarity,
    text: `text of ${m.id}`,
    text_source: m.id.length % 2 === 0 ? 'comment' : 'input',
    evidence: JSON.stringify(m.evidence),
    interaction_created_at: m.at,
    assigned_by: 'run',
    assigned_at: createdAt,
    // The copy of the interaction's dimensions a writer makes (migration 015); none for a gone interaction.
    tenant: m.gone ? null : (m.dims?.tenant ?? null),
    feature: m.gone ? null : (m.dims?.feature ?? null),
    language: m.gone ? null : (m.dims?.language ?? null),
    model: m.gone ? null : (m.dims?.model ?? null),
    model_version: null,
    prompt_template: null,
    prompt_version: null,
  }));
  // Through the writer the product uses, which keeps the day counts (theme_member_days) with the members.
  await db.transaction().execute((trx) => insertMembers(trx, rows));
}

/** The latest run: random members plus planted ties. */
function latestRunMembers(): Member[] {
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const themes = ['th_b', 'th_a', 'th_c', 'th_d', ''];
  const evidence = [['thumbs-down'], ['comment'], ['comment', 'thumbs-down'], ['low-rating'], ['edit', 'thumbs-down']];
  const out: Member[] = [];
  for (let i = 0; i < 700; i++) {
    const theme = pick(themes);
    out.push({
      id: `019a${(1000 + i).toString(16)}-${i % 3 === 0 ? 'F' : 'e'}${i}`,
      theme,
      // From 40 days ago to 2 days ahead: the 7-day period, its previous one, and members outside both.
      at: NOW - 40 * DAY + Math.floor(rnd() * 42 * DAY),
      similarity: pick([0.5, 0.61, 0.7, 0.8]),
      evidence: pick(evidence),
      dims: {
        tenant: theme === 'th_a' && rnd() < 0.6 ? 'acme' : pick(['acme', 'globex', 'initech', null, '']),
        feature: pick(['chat', 'search', null]),
        language: theme === 'th_c' && rnd() < 0.7 ? 'de' : pick(['en', 'de', 'fr']),
        model: pick(['m1', 'm2']),
      },
      gone: rnd() < 0.03,
    });
  }
  // th_d: members only before the current 7-day period; th_e: none at all.
  for (const m of out) if (m.theme === 'th_d') m.at = Math.min(m.at, NOW - 8 * DAY);
  // Example ties: equal top similarity in th_a, ids whose byte order and language order differ.
  const recent = NOW - 2 * DAY;
  for (const id of ['b.3', 'B 4', 'a-2', 'A_1', 'a_0']) {
    out.push({ id, theme: 'th_a', at: recent, similarity: 0.99, evidence: ['comment'], dims: { tenant: 'acme' } });
  }
  // Concentration ties: in th_b, tenants `x-late` and `a-early` have 6 members each and nowhere else (equal
  // lift and members, one dimension), and those same 12 members are the only ones with language `l9` or
  // `l1`, split the same way (equal across dimensions too); feature `solo` (all 12) has the same lift. The
  // order is that of first appearance by interaction id (`Z_1` of `x-late` before `z-0` of `a-early`), not
  // the values' order, and byte order and language order of those ids differ.
  for (let i = 0; i < 12; i++) {
    const late = i % 2 === 1;
    out.push({
      id: `${late ? 'Z_' : 'z-'}${i}`,
      theme: 'th_b',
      at: recent + i,
      similarity: 0.3,
      evidence: i === 11 ? ['regenerate', 'comment'] : ['thumbs-down'],
      dims: { tenant: late ? 'x-late' : 'a-early', feature: 'solo', language: late ? 'l9' : 'l1' },
    });
  }
  return out;
}

/** Seeds the fixture; returns the project with the runs. */
export async function seedThemeFixture(db: Kysely<Database>): Promise<string> {
  const projectId = (await createProject(db, { name: 'theme aggregates' })).id;
  const other = (await createProject(db, { name: 'other' })).id;
  const latest = latestRunMembers();
  // An older run over the same interactions, all in one theme; another project with the same run id.
  await seed(
    db,
    projectId,
    'run_older',
    NOW - 20 * DAY,
    latest.map((m) => ({ ...m, theme: 'th_old' })),
  );
  await seed(db, projectId, RUN, NOW - DAY, latest);
  await seed(
    db,
    other,
    RUN,
    NOW,
    latest.slice(0, 100).map((m) => ({ ...m, id: `o${m.id}`, theme: 'th_a' })),
  );
  const themes = [
    { id: 'th_a', category: 'wrong answer' },
    { id: 'th_b', category: 'slow' },
    { id: 'th_c', category: 'wrong answer' },
    { id: 'th_d', category: 'broken citations' },
    { id: 'th_e', category: 'refusals' },
  ];
  await db
    .insertInto('themes')
    .values(
      themes.map((t, position) => ({
        project_id: projectId,
        id: t.id,
        run_id: RUN,
        label: `label ${t.id}`,
        keywords: JSON.stringify([t.id, 'k']),
        category: t.category,
        position,
      })),
    )
    .execute();
  await db
    .insertInto('themes')
    .values([
      {
        project_id: projectId,
        id: 'th_old',
        run_id: 'run_older',
        label: 'old',
        keywords: '[]',
        category: 'x',
        position: 0,
      },
    ])
    .execute();
  return projectId;
}
