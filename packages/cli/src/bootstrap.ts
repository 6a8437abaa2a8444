/**
 * First start: with no project yet, create one with a secret and a public key, so `feedloop serve` works
 * with no configuration. FEEDLOOP_INIT_PROJECT / _SECRET_KEY / _PUBLIC_KEY make it scriptable; ids are
 * derived from the name so several instances starting at once on one database create it only once.
 */
import { createApiKey, createProject, findActiveKey, listProjects, type Store } from '@feedloop/store';

export interface InitSettings {
  projectName?: string | undefined;
  secretKey?: string | undefined;
  publicKey?: string | undefined;
}

export interface Bootstrap {
  projectId: string;
  projectName: string;
  /** Plain-text keys created by this start; only known on the start that created them. */
  secretKey?: string;
  publicKey?: string;
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'default';

async function ignoreConflict<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    // A concurrent start created the same row first; its copy is as good as ours.
    if (/unique|duplicate key|constraint/i.test(String((error as Error).message))) return undefined;
    throw error;
  }
}

async function ensureKey(store: Store, projectId: string, kind: 'secret' | 'public', given: string | undefined) {
  if (given !== undefined && (await findActiveKey(store.db, given))) return undefined;
  const created = await ignoreConflict(() =>
    createApiKey(store.db, { projectId, kind, name: 'initial', ...(given ? { plaintext: given } : {}) }),
  );
  if (!created && given !== undefined && !(await findActiveKey(store.db, given))) {
    // The key exists but is revoked: starting anyway would leave a deployment whose configured key fails.
    const variable = kind === 'secret' ? 'FEEDLOOP_INIT_SECRET_KEY' : 'FEEDLOOP_INIT_PUBLIC_KEY';
    throw new Error(`${variable} names a key that has been revoked; configure a new key.`);
  }
  return created?.plaintext;
}

export async function bootstrap(store: Store, init: InitSettings): Promise<Bootstrap | undefined> {
  const projects = await listProjects(store.db);
  const scripted = init.projectName !== undefined || init.secretKey !== undefined || init.publicKey !== undefined;
  if (projects.length > 0 && !scripted) return undefined;
  const name = init.projectName ?? 'default';
  const id = `proj_${slug(name)}`;
  const existing = projects.find((p) => p.id === id);
  if (!existing) await ignoreConflict(() => createProject(store.db, { id, name }));
  if (existing && !scripted) return undefined;
  const secretKey = await ensureKey(store, id, 'secret', init.secretKey);
  const publicKey = await ensureKey(store, id, 'public', init.publicKey);
  return {
    projectId: id,
    projectName: name,
    ...(secretKey && !init.secretKey ? { secretKey } : {}),
    ...(publicKey && !init.publicKey ? { publicKey } : {}),
  };
}
