import { randomInt, timingSafeEqual, createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The first-run setup code: whoever reaches a fresh Roster first must also be able to read the server's log or its
 * data directory to create the owner account. 12 characters from 32 unambiguous ones (60 bits), kept in
 * `<ROSTER_DATA_DIR>/setup-code` (mode 600) until the owner exists, so a restart shows the same code.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function setupCodePath(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.ROSTER_DATA_DIR ?? '.data', 'setup-code');
}

function newCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((group) => group.join('')).join('-');
}

/** The code, created on first use. */
export function ensureSetupCode(file = setupCodePath()): string {
  const existing = readSetupCode(file);
  if (existing) return existing;
  mkdirSync(path.dirname(file), { recursive: true });
  const code = newCode();
  writeFileSync(file, `${code}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return code;
}

export function readSetupCode(file = setupCodePath()): string | null {
  if (!existsSync(file)) return null;
  return readFileSync(file, 'utf8').trim() || null;
}

/** Case, spaces and dashes do not matter (people retype it); compared in constant time. */
const normalize = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');
const digest = (code: string) => createHash('sha256').update(normalize(code)).digest();

export function setupCodeMatches(input: string | undefined, file = setupCodePath()): boolean {
  const expected = readSetupCode(file);
  if (!expected || !input) return false;
  return timingSafeEqual(digest(expected), digest(input));
}

/** Once the owner exists the code is useless: remove it. */
export function removeSetupCode(file = setupCodePath()): void {
  rmSync(file, { force: true });
}

export function setupCodeBanner(code: string, file = setupCodePath()): string {
  return [
    '',
    '[roster] ───────────────────────────────────────────────────────────────',
    '[roster] First run: open /login and create the owner account with the setup code',
    `[roster]     ${code}`,
    `[roster] (also in ${file}, readable only by this user)`,
    '[roster] ───────────────────────────────────────────────────────────────',
    '',
  ].join('\n');
}
