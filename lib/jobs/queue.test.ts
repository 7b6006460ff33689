import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { defineJob } from './define';
import { cancelJob, getJobState, getQueue, sendJob } from './queue';

// No worker runs these queues: their jobs stay queued, which is what a web process with ROSTER_JOBS=off sees.
const noteJob = defineJob({
  name: 'test.queue-note',
  data: z.object({ note: z.string().min(1) }),
  retry: { limit: 4, delaySeconds: 7, backoff: true },
  expireInSeconds: 120,
  run: async () => null,
});
const perKeyJob = defineJob({
  name: 'test.queue-per-key',
  data: z.object({ key: z.string() }),
  policy: 'stately',
  singletonKey: (data) => data.key,
  run: async () => null,
});

const queueRow = async (name: string) =>
  (
    await getDb().execute<{
      policy: string;
      retry_limit: number;
      retry_delay: number;
      retry_backoff: boolean;
      expire_seconds: number;
    }>(
      sql`select policy, retry_limit, retry_delay, retry_backoff, expire_seconds from pgboss.queue where name = ${name}`,
    )
  ).rows[0];

describe('sendJob (the send-only queue)', () => {
  it('creates the queue on first send with the options of the definition, and the job waits for a worker', async () => {
    const id = await sendJob(noteJob, { note: 'hello' });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await queueRow(noteJob.name)).toEqual({
      policy: 'standard',
      retry_limit: 4,
      retry_delay: 7,
      retry_backoff: true,
      expire_seconds: 120,
    });
    const job = await getQueue().getJobById(noteJob.name, id!);
    expect(job).toMatchObject({ state: 'created', data: { note: 'hello' }, retryLimit: 4 });
  });

  it('refuses data its schema refuses, sending nothing', async () => {
    await expect(sendJob(noteJob, { note: '' })).rejects.toThrow();
  });

  it('inside a transaction: the job exists only if the transaction commits', async () => {
    const rolledBack = '7b0e7f0a-0000-4000-8000-000000000001';
    await expect(
      getDb().transaction(async (tx) => {
        await sendJob(noteJob, { note: 'rolled back' }, { db: tx, id: rolledBack });
        expect(await getJobState(noteJob, rolledBack, { db: tx })).toBe('created');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await getJobState(noteJob, rolledBack)).toBeNull();

    const committed = await getDb().transaction((tx) => sendJob(noteJob, { note: 'committed' }, { db: tx }));
    expect(await getJobState(noteJob, committed!)).toBe('created');
  });

  it('start-after delays a job (seconds from now, or a time)', async () => {
    const inAnHour = await sendJob(noteJob, { note: 'later' }, { startAfter: 3600 });
    const job = await getQueue().getJobById(noteJob.name, inAnHour!);
    expect(job!.startAfter.getTime() - Date.now()).toBeGreaterThan(3500_000);
    const at = new Date(Date.now() + 86_400_000);
    const tomorrow = await sendJob(noteJob, { note: 'tomorrow' }, { startAfter: at });
    expect((await getQueue().getJobById(noteJob.name, tomorrow!))!.startAfter.getTime()).toBe(at.getTime());
  });

  it('a stately queue keeps one queued run per singleton key: a second send for the key returns null', async () => {
    const key = `k-${Date.now()}`;
    const first = await sendJob(perKeyJob, { key });
    expect(first).toBeTruthy();
    expect(await sendJob(perKeyJob, { key })).toBeNull();
    expect(await sendJob(perKeyJob, { key: `${key}-other` })).toBeTruthy();
    await cancelJob(perKeyJob, first!);
    expect(await getJobState(perKeyJob, first!)).toBe('cancelled');
    expect(await sendJob(perKeyJob, { key })).toBeTruthy();
  });
});

describe('lib/jobs layering', () => {
  it('the queue, the definitions and the workers import no domain code (only the registry lists the domains’ jobs)', () => {
    for (const file of ['queue.ts', 'define.ts', 'worker.ts']) {
      const source = readFileSync(path.join(__dirname, file), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect(
        imports.filter((i) => i.startsWith('@/') && !i.startsWith('@/db/client')),
        file,
      ).toEqual([]);
    }
  });
});
