import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { containsPattern, escapeLike, startsWithPattern } from './like';

describe('LIKE patterns from user text', () => {
  it('escapes the wildcards and the escape character', () => {
    expect(escapeLike('50%_off\\now')).toBe('50\\%\\_off\\\\now');
    expect(containsPattern('a_b')).toBe('%a\\_b%');
    expect(startsWithPattern('HR%')).toBe('HR\\%%');
  });

  it('PostgreSQL matches the text literally', async () => {
    const like = async (value: string, pattern: string) =>
      (await getDb().execute<{ m: boolean }>(sql`select ${value}::text like ${pattern} as m`)).rows[0].m;
    expect(await like('50% off', containsPattern('0% o'))).toBe(true);
    expect(await like('500 off', containsPattern('0% o'))).toBe(false);
    expect(await like('a_b', containsPattern('a_b'))).toBe(true);
    expect(await like('axb', containsPattern('a_b'))).toBe(false);
    expect(await like('back\\slash', containsPattern('k\\s'))).toBe(true);
    expect(await like('SALES-2', startsWithPattern('SALES'))).toBe(true);
    expect(await like('XSALES', startsWithPattern('SALES'))).toBe(false);
  });
});
