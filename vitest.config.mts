import { defineConfig } from 'vitest/config';
import path from 'node:path';

const embedded = !process.env.DATABASE_URL;

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    environment: 'node',
    include: ['lib/**/*.test.ts', 'tests/**/*.test.ts', 'db/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/setup-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite serves every connection from one session: run files one at a time on the embedded default.
    fileParallelism: !embedded,
    server: { deps: { inline: ['next-auth'] } },
  },
});
