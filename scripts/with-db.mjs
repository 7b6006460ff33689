#!/usr/bin/env node
// Runs a command (by default `next ...`) with a migrated database.
//   DATABASE_URL set   -> use that server (migrations are applied first).
//   DATABASE_URL unset -> start the embedded default (PGlite under .data/) and keep its data across restarts.
// Usage: node scripts/with-db.mjs serve -p <port> [-H <host>]   (the production server, scripts/serve.mjs)
//        node scripts/with-db.mjs next dev | node scripts/with-db.mjs --no-next <cmd> [args...]
import { spawn } from 'node:child_process';
import path from 'node:path';
import nextEnv from '@next/env';
import { existsSync, readFileSync } from 'node:fs';
import { startEmbeddedDatabase, migrateDatabase, persistentSecret, dataDir } from '../db/embedded.mjs';

const args = process.argv.slice(2);
const rawCommand = args[0] === '--no-next';
if (rawCommand) args.shift();
const isDev = args[0] === 'next' && args[1] === 'dev';
const serving = args[0] === 'serve' || (args[0] === 'next' && args[1] === 'start');
nextEnv.loadEnvConfig(process.cwd(), isDev);
process.env.NEXT_TELEMETRY_DISABLED = '1';

let embedded = null;
if (!process.env.DATABASE_URL) {
  embedded = await startEmbeddedDatabase();
  process.env.DATABASE_URL = embedded.url;
  process.env.ROSTER_EMBEDDED_DB = '1';
  console.log(`[roster] embedded database (PGlite) at ${embedded.url.replace(/:[^:@/]+@/, ':***@')}`);
}
for (const [name, file] of [
  ['NEXTAUTH_SECRET', 'nextauth-secret'],
  ['ENCRYPTION_KEY', 'encryption-key'],
]) {
  if (!process.env[name]) {
    if (embedded) process.env[name] = persistentSecret(file);
    else if (process.env.NODE_ENV === 'production' || serving) {
      console.error(`[roster] ${name} is required when DATABASE_URL points at a server. Set it and start again.`);
      process.exit(1);
    }
  }
}

// An unfinished key rotation (npm run rotate-encryption-key -- --new-key) keeps the old embedded key readable.
if (embedded && !process.env.ENCRYPTION_KEY_PREVIOUS && existsSync(path.join(dataDir(), 'encryption-key.previous'))) {
  process.env.ENCRYPTION_KEY_PREVIOUS = readFileSync(path.join(dataDir(), 'encryption-key.previous'), 'utf8').trim();
}

await migrateDatabase(process.env.DATABASE_URL);

const [command, ...rest] = args;
const bin =
  command === 'serve' && !rawCommand
    ? process.execPath
    : rawCommand
      ? command
      : path.resolve('node_modules/.bin', command);
if (command === 'serve' && !rawCommand) rest.unshift(path.resolve('scripts/serve.mjs'));
const child = spawn(bin, rest, { stdio: 'inherit', env: process.env });
for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', async (code, signal) => {
  if (embedded) await embedded.stop().catch(() => {});
  process.exit(code ?? (signal ? 1 : 0));
});
