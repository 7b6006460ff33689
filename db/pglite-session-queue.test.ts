import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase } from './embedded.mjs';
import { endsIdle } from './pglite-session-queue.mjs';

describe('endsIdle: a reply ending with ReadyForQuery(Idle) frees the session', () => {
  const ready = (status: string) => [0x5a, 0, 0, 0, 5, status.charCodeAt(0)];
  it('Idle frees it; in a transaction (T) or a failed one (E) keeps it; no ReadyForQuery keeps it', () => {
    expect(endsIdle(new Uint8Array([0x31, 0, 0, 0, 4, ...ready('I')]))).toBe(true);
    expect(endsIdle(new Uint8Array(ready('T')))).toBe(false);
    expect(endsIdle(new Uint8Array(ready('E')))).toBe(false);
    expect(endsIdle(new Uint8Array([0x31, 0, 0, 0, 4]))).toBe(false);
  });
});

// The embedded database is one PostgreSQL session behind a socket server: these run real `pg` pools against it.
describe("embedded database: concurrent connections never see each other's queries", () => {
  let dir: string;
  let stop: () => Promise<void>;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'roster-session-queue-'));
    const embedded = await startEmbeddedDatabase(dir);
    url = embedded.url;
    stop = embedded.stop;
  });

  afterAll(async () => {
    await stop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('parameterised queries and transactions from six connections at once all get their own answers', async () => {
    // With pglite-socket's own queue this mix failed within a second: "unnamed prepared statement does not exist",
    // rows of another connection's query, then a client waiting forever.
    const pool = new pg.Pool({ connectionString: url, max: 6 });
    try {
      await pool.query('create table mix (id int primary key, v int)');
      const failures: string[] = [];
      await Promise.all(
        Array.from({ length: 6 }, async (_, worker) => {
          for (let i = 0; i < 60; i++) {
            const n = worker * 1000 + i;
            try {
              if (worker % 2) {
                const client = await pool.connect();
                try {
                  await client.query('begin');
                  await client.query('insert into mix values ($1, $2)', [n, n]);
                  const { rows } = await client.query<{ v: number }>('select v from mix where id = $1', [n]);
                  if (rows[0]?.v !== n) failures.push(`transaction ${n} read ${JSON.stringify(rows)}`);
                  await client.query('commit');
                } finally {
                  client.release();
                }
              } else {
                const { rows } = await pool.query<{ v: number }>('select $1::int + $2::int as v', [n, 0]);
                if (rows[0].v !== n) failures.push(`query ${n} read ${rows[0].v}`);
              }
            } catch (error) {
              failures.push(String(error));
            }
          }
        }),
      );
      expect(failures).toEqual([]);
      const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from mix');
      expect(rows[0].n).toBe(180);
    } finally {
      await pool.end();
    }
  }, 30_000);

  it('a connection that closes inside a transaction is rolled back and the others go on', async () => {
    const holder = new pg.Client({ connectionString: url });
    const other = new pg.Client({ connectionString: url });
    await holder.connect();
    await other.connect();
    try {
      await holder.query('create table left_open (id int)');
      await holder.query('begin');
      await holder.query('insert into left_open values ($1)', [1]);
      const waiting = other.query<{ n: number }>('select count(*)::int as n from left_open');
      await holder.end();
      const { rows } = await waiting;
      expect(rows[0].n).toBe(0);
    } finally {
      await other.end();
    }
  }, 30_000);
});
