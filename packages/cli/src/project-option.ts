/** `--project <id-or-name>`, defaulting to the only project there is. */
import { findProject, listProjects, type Store } from '@feedloop/store';

export async function resolveProject(store: Store, wanted: string | undefined): Promise<string> {
  if (wanted !== undefined) {
    const project = await findProject(store.db, wanted);
    if (!project) throw new Error(`No project "${wanted}".`);
    return project.id;
  }
  const projects = await listProjects(store.db);
  if (projects.length === 1 && projects[0]) return projects[0].id;
  if (projects.length === 0) throw new Error('No project yet: run feedloop serve once, or import data.');
  throw new Error(`Several projects (${projects.map((p) => p.name).join(', ')}): choose one with --project.`);
}
