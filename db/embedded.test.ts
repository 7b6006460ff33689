import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertLocalDatabase, persistentSecret } from './embedded.mjs';

describe('test-suite guard: refuses a non-local database', () => {
  it('accepts localhost, 127.0.0.1, ::1 and a socket path', () => {
    for (const url of [
      'postgres://u:p@localhost:5432/db',
      'postgres://u:p@127.0.0.1:5432/db',
      'postgres://u:p@[::1]:5432/db',
    ]) {
      expect(() => assertLocalDatabase(url)).not.toThrow();
    }
  });

  it('refuses any other host', () => {
    expect(() => assertLocalDatabase('postgres://u:p@db.example.com:5432/prod')).toThrow(
      /Refusing to run tests against a non-local database/,
    );
    expect(() => assertLocalDatabase('postgres://u:p@10.0.0.5:5432/db')).toThrow(/non-local/);
  });
});

describe('embedded default secrets', () => {
  it('are generated once into the data directory with mode 600 and kept across restarts', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'roster-secret-'));
    const first = persistentSecret('nextauth-secret', dir);
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(statSync(path.join(dir, 'nextauth-secret')).mode & 0o777).toBe(0o600);
    expect(persistentSecret('nextauth-secret', dir)).toBe(first);
    expect(readFileSync(path.join(dir, 'nextauth-secret'), 'utf8')).toBe(first);
    expect(persistentSecret('encryption-key', dir)).not.toBe(first);
  });
});
