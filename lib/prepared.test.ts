import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { preparedStatement } from './prepared';

const fakeDb = () => ({}) as Database;
const embedded = process.env.ROSTER_EMBEDDED_DB;

afterEach(() => {
  if (embedded === undefined) delete process.env.ROSTER_EMBEDDED_DB;
  else process.env.ROSTER_EMBEDDED_DB = embedded;
});

describe('preparedStatement', () => {
  it('builds a statement once per database client and shape, named after the shape', () => {
    delete process.env.ROSTER_EMBEDDED_DB;
    const names: string[] = [];
    const build = (name: string) => {
      names.push(name);
      return { execute: async () => name };
    };
    const db = fakeDb();
    const first = preparedStatement(db, 'shape:a', build);
    expect(preparedStatement(db, 'shape:a', build)).toBe(first);
    preparedStatement(db, 'shape:b', build);
    preparedStatement(fakeDb(), 'shape:a', build);
    expect(names).toHaveLength(3);
    expect(names[0]).toMatch(/^roster_[0-9a-f]{24}$/);
    expect(names[1]).not.toBe(names[0]);
    expect(names[2]).toBe(names[0]);
  });

  it('leaves statements unnamed on the embedded database (one session shared by every connection)', () => {
    process.env.ROSTER_EMBEDDED_DB = '1';
    let name: string | undefined;
    preparedStatement(fakeDb(), 'shape:a', (given) => {
      name = given;
      return { execute: async () => null };
    });
    expect(name).toBe('');
  });
});
