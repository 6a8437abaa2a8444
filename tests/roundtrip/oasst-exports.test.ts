/**
 * Open Assistant trees imported, then exported: volunteers' thumbs become KTO examples and their sibling
 * rankings DPO pairs, in the numbers the source data holds (synthetic messages skipped).
 */
import { fileURLToPath } from 'node:url';
import { importFile } from '@feedloop/services';
import { createProject, type Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, request } from '../export/run-export.js';
import { backends } from '../helpers/backends.js';

const OASST = fileURLToPath(new URL('../../../shared/data/oasst/en_100_tree.jsonl', import.meta.url));

describe.each(backends())('Open Assistant exports on $name', (backend) => {
  let store: Store;
  let projectId: string;
  beforeAll(async () => {
    store = await backend.open();
    projectId = (await createProject(store.db, { name: 'oasst' })).id;
    await importFile({ store, projectId, format: 'oasst', path: OASST });
  }, 300_000);
  afterAll(() => store.close());

  it('turns net thumbs into KTO examples: 334 desirable, 96 undesirable', async () => {
    const { lines, manifest } = await collect(store, request(projectId, 'kto', 'trl', { dedupe: false }));
    expect(lines.filter((l) => l.label === true)).toHaveLength(334);
    expect(lines.filter((l) => l.label === false)).toHaveLength(96);
    expect(manifest.counts.skipped).toBe(0);
  });

  it('turns every ranked pair of real sibling replies into one DPO pair', async () => {
    const { lines, manifest } = await collect(store, request(projectId, 'dpo', 'openai', { dedupe: false }));
    // 754 ranked pairs in the source, 22 of them with a synthetic reply (not imported).
    expect(manifest.counts.bySource.preference).toEqual({ written: 732, skipped: 0 });
    const fromOtherSources = Object.entries(manifest.counts.bySource)
      .filter(([source]) => source !== 'preference')
      .reduce((sum, [, c]) => sum + (c?.written ?? 0), 0);
    expect(lines).toHaveLength(732 + fromOtherSources);
    for (const line of lines) {
      expect(line.preferred_output).not.toEqual(line.non_preferred_output);
    }
  });
});
