#!/usr/bin/env node
// `npm start`: builds the app once if there is no production build yet, then serves it on the database.
import { existsSync } from 'node:fs';
import { spawnSync, spawn } from 'node:child_process';

process.env.NEXT_TELEMETRY_DISABLED = '1';
if (!existsSync('.next/BUILD_ID')) {
  console.log('[roster] no production build yet: running `next build` (once)…');
  const build = spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit', env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const port = process.env.PORT ?? '3000';
const child = spawn('node', ['scripts/with-db.mjs', 'serve', '-p', port, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: process.env,
});
for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP']))
  process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
