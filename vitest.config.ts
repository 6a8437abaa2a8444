import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Unit and integration tests run on the TypeScript sources; tests/e2e spawn the built CLI.
export default defineConfig({
  resolve: {
    alias: {
      '@feedloop/core': src('core'),
      '@feedloop/store': src('store'),
      '@feedloop/services': src('services'),
      '@feedloop/themes': src('themes'),
      '@feedloop/server': src('server'),
      '@feedloop/node': src('node'),
      '@feedloop/browser': src('browser'),
      '@feedloop/react': src('react'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
  },
});
