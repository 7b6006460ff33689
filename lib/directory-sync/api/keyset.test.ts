import { describe, expect, it } from 'vitest';
import { keysetPage, type KeysetQuery } from './keyset';

const ids = Array.from({ length: 30 }, (_, i) => `directory_user_${String(i).padStart(26, '0')}`);

/** An in-memory "table" that answers keyset queries and counts them. */
function table(rows = ids) {
  const queries: KeysetQuery[] = [];
  const fetch = async (query: KeysetQuery) => {
    queries.push(query);
    const test = (id: string) =>
      query.bounds.every(({ op, id: bound }) =>
        op === '>' ? id > bound : op === '<' ? id < bound : op === '>=' ? id >= bound : id <= bound,
      );
    const sorted = rows.filter(test).sort();
    return (query.direction === 'asc' ? sorted : sorted.reverse()).slice(0, query.limit).map((id) => ({ id }));
  };
  return { fetch, queries };
}

describe('keysetPage', () => {
  it('a page after a cursor still in the list is one query, and knows what precedes it', async () => {
    const { fetch, queries } = table();
    const page = await keysetPage({ order: 'desc', limit: 5, after: ids[20] }, fetch);
    expect(page.data.map((r) => r.id)).toEqual(ids.slice(15, 20).reverse());
    expect(page.listMetadata).toEqual({ before: ids[19], after: ids[15] });
    expect(queries).toHaveLength(1);
  });

  it('the first page is one query; a page before a cursor is one query', async () => {
    const first = table();
    expect((await keysetPage({ order: 'asc', limit: 10 }, first.fetch)).listMetadata).toEqual({
      before: null,
      after: ids[9],
    });
    expect(first.queries).toHaveLength(1);
    const back = table();
    const page = await keysetPage({ order: 'asc', limit: 10, before: ids[5] }, back.fetch);
    expect(page.data.map((r) => r.id)).toEqual(ids.slice(0, 5));
    expect(page.listMetadata).toEqual({ before: null, after: ids[4] });
    expect(back.queries).toHaveLength(1);
  });

  it('a cursor that left the list costs one id probe, and the answer stays exact', async () => {
    const withoutTen = ids.filter((id) => id !== ids[10]);
    const { fetch, queries } = table(withoutTen);
    const page = await keysetPage({ order: 'asc', limit: 3, after: ids[10] }, fetch);
    expect(page.data.map((r) => r.id)).toEqual(ids.slice(11, 14));
    expect(page.listMetadata).toEqual({ before: ids[11], after: ids[13] });
    expect(queries).toHaveLength(2);
    expect(queries[1]).toMatchObject({ limit: 1, idsOnly: true });
    const nothingBefore = table(ids.slice(11));
    expect(
      (await keysetPage({ order: 'asc', limit: 3, after: ids[10] }, nothingBefore.fetch)).listMetadata.before,
    ).toBeNull();
  });
});
