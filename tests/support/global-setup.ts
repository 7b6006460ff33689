import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertLocalDatabase, migrateDatabase, startEmbeddedDatabase } from '../../db/embedded.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    embeddedDatabase: boolean;
  }
}

/** Integration tests run on a real database: DATABASE_URL when given (local only), else a fresh embedded PGlite. */
export default async function setup(project: TestProject) {
  let url = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  if (!url) {
    dir = mkdtempSync(path.join(tmpdir(), 'roster-test-'));
    const embedded = await startEmbeddedDatabase(dir);
    url = embedded.url as string;
    stop = embedded.stop;
  }
  assertLocalDatabase(url);
  await migrateDatabase(url);
  project.provide('databaseUrl', url);
  project.provide('embeddedDatabase', Boolean(stop));
  return async () => {
    await stop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
