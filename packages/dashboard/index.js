/**
 * Where the built dashboard lives, for the server that serves it. The assets are produced by
 * `npm run build` (Vite); until then the folder does not exist and the server says so at `/`.
 */
import { fileURLToPath } from 'node:url';

export const dashboardDir = fileURLToPath(new URL('./dist/', import.meta.url));
