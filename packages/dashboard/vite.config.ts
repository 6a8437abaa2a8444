/**
 * The dashboard is a static single-page app. `npm run build` writes it to dist/, which `feedloop serve`
 * serves at `/`; `npm run dev -w @feedloop/dashboard` runs it against a server on :4545.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  // No React plugin: JSX compiles through Vite's own transform, and fast refresh is not worth Babel.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    reportCompressedSize: true,
    rolldownOptions: {
      // TanStack Query marks its modules "use client" for React Server Components; meaningless in a SPA.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/v1': 'http://127.0.0.1:4545',
      '/openapi.json': 'http://127.0.0.1:4545',
      '/health': 'http://127.0.0.1:4545',
    },
  },
});
