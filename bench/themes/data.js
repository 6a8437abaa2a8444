import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The shared data folder sits beside the repository: `../shared/data` from the repo root. */
export const BANKING77 = join(root, '..', 'shared', 'data', 'banking77');

/** Banking77 rows as texts and integer intent labels (77 intents). */
export function loadBanking77(file) {
  const rows = parseCsv(readFileSync(join(BANKING77, file), 'utf8'))
    .slice(1)
    .filter((r) => r.length === 2);
  const intents = new Map();
  const texts = rows.map((r) => r[0]);
  const labels = Int32Array.from(rows, (r) => {
    if (!intents.has(r[1])) intents.set(r[1], intents.size);
    return intents.get(r[1]);
  });
  return { texts, labels, intents: intents.size };
}
