import { describe, expect, it } from 'vitest';
import { ODataError } from './errors';
import {
  decodeSkipToken,
  encodeSkipToken,
  formatTimestamp,
  MAX_TOP,
  nextLinkFor,
  parseDateTimeLiteral,
  parseEntitySegment,
  parseLastModifiedFilter,
  parseQueryOptions,
} from './odata';
import { PERSON_PROPERTIES } from './mappers';

const parse = (query: string) => parseQueryOptions(new URLSearchParams(query), PERSON_PROPERTIES);
const micros = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

function rejects(fn: () => unknown): ODataError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ODataError);
    expect((error as ODataError).status).toBe(400);
    return error as ODataError;
  }
  throw new Error('expected a 400 ODataError');
}

describe('parseQueryOptions', () => {
  it('defaults: a page of 1000, no skip, no count, no filter, all properties', () => {
    expect(parse('')).toEqual({
      top: 1000,
      skip: 0,
      count: false,
      filter: [],
      select: null,
      cursor: null,
      orderBy: { by: 'LastModified', descending: false },
      deltaToken: null,
    });
  });

  it(`$top is bounded: 0..${MAX_TOP}`, () => {
    expect(parse('$top=0').top).toBe(0);
    expect(parse(`$top=${MAX_TOP}`).top).toBe(MAX_TOP);
    expect(rejects(() => parse(`$top=${MAX_TOP + 1}`)).target).toBe('$top');
    rejects(() => parse('$top=1.5'));
    rejects(() => parse('$top='));
  });

  it('$count, $select, $format=json', () => {
    expect(parse('$count=true&$select=PersonCode, GivenName&$format=json')).toMatchObject({
      count: true,
      select: ['PersonCode', 'GivenName'],
    });
    expect(parse('$select=*').select).toEqual([...PERSON_PROPERTIES]);
    rejects(() => parse('$select=personcode'));
    rejects(() => parse('$select=PersonCode,'));
  });

  it('unknown $ options are refused; options without $ are ignored', () => {
    expect(rejects(() => parse('$search=ada')).target).toBe('$search');
    expect(parse('api-version=7').top).toBe(1000);
  });
});

describe('$filter on LastModified', () => {
  it('parses gt/ge/lt/le/eq joined by and, case-insensitive operators', () => {
    expect(parseLastModifiedFilter('LastModified gt 2026-01-01T00:00:00Z')).toEqual([
      { op: 'gt', micros: micros('2026-01-01T00:00:00Z') },
    ]);
    expect(
      parseLastModifiedFilter('LastModified GE 2026-01-01T00:00:00Z AND LastModified lt 2026-02-01T00:00:00Z'),
    ).toEqual([
      { op: 'ge', micros: micros('2026-01-01T00:00:00Z') },
      { op: 'lt', micros: micros('2026-02-01T00:00:00Z') },
    ]);
    expect(parseLastModifiedFilter('(LastModified le 2026-01-01)')).toEqual([
      { op: 'le', micros: micros('2026-01-01T00:00:00Z') },
    ]);
  });

  it('refuses other properties, other operators and "or"', () => {
    rejects(() => parseLastModifiedFilter("FamilyName eq 'X'"));
    rejects(() => parseLastModifiedFilter('LastModified ne 2026-01-01T00:00:00Z'));
    rejects(() =>
      parseLastModifiedFilter('LastModified gt 2026-01-01T00:00:00Z or LastModified lt 2025-01-01T00:00:00Z'),
    );
    rejects(() => parseLastModifiedFilter('lastmodified gt 2026-01-01T00:00:00Z'));
  });
});

describe('date-time literals and timestamps', () => {
  it('accepts v4 literals with offset or Z, v3 datetime/datetimeoffset literals, microseconds, and an unencoded + offset', () => {
    expect(parseDateTimeLiteral('2026-01-01T01:00:00+01:00')).toBe(micros('2026-01-01T00:00:00Z'));
    expect(parseDateTimeLiteral('2026-01-01T00:00:00+01:00')).toBe(parseDateTimeLiteral('2026-01-01T00:00:00 01:00'));
    expect(parseDateTimeLiteral("datetime'2026-01-01T00:00:00'")).toBe(micros('2026-01-01T00:00:00Z'));
    expect(parseDateTimeLiteral("datetimeoffset'2026-01-01T00:00:00Z'")).toBe(micros('2026-01-01T00:00:00Z'));
    expect(parseDateTimeLiteral('2026-01-01T00:00:00.123456Z')).toBe(micros('2026-01-01T00:00:00Z') + 123456n);
  });

  it('years before 100 are not shifted into the 1900s', () => {
    expect(parseDateTimeLiteral('0050-01-01T00:00:00Z')).toBe(micros('0050-01-01T00:00:00Z'));
    expect(formatTimestamp(parseDateTimeLiteral('0001-01-01T00:00:00.000001Z')!)).toBe('0001-01-01T00:00:00.000001Z');
    expect(formatTimestamp(parseDateTimeLiteral('9999-12-31T23:59:59.999999Z')!)).toBe('9999-12-31T23:59:59.999999Z');
  });

  it('refuses impossible dates and junk', () => {
    for (const bad of [
      '2026-02-30T00:00:00Z',
      '2026-00-10',
      '2026-01-01T24:00:00Z',
      '2026-01-01T00:00:00+25:00',
      'now',
      "1' or '1'='1",
    ]) {
      expect(parseDateTimeLiteral(bad), bad).toBeNull();
    }
  });

  it('formatTimestamp keeps microseconds and round-trips through the parser', () => {
    const value = micros('2026-03-04T05:06:07.089Z') + 123n;
    expect(formatTimestamp(value)).toBe('2026-03-04T05:06:07.089123Z');
    expect(parseDateTimeLiteral(formatTimestamp(value))).toBe(value);
  });
});

describe('$skiptoken and @odata.nextLink', () => {
  const cursor = { micros: micros('2026-01-01T00:00:00Z') + 7n, id: '0b7c6f0e-4a8e-4f51-9a57-2f1c8d3e9b10' };

  it('round-trips a cursor; refuses tampered tokens', () => {
    expect(decodeSkipToken(encodeSkipToken(cursor))).toEqual(cursor);
    rejects(() => decodeSkipToken('abc$'));
    rejects(() => decodeSkipToken(Buffer.from('12.not-a-uuid').toString('base64url')));
    rejects(() => decodeSkipToken(Buffer.from(`999999999999999999.${cursor.id}`).toString('base64url')));
    rejects(() => decodeSkipToken(Buffer.from(`-99999999999999999.${cursor.id}`).toString('base64url')));
    const first = { micros: parseDateTimeLiteral('0001-01-01T00:00:00Z')!, id: cursor.id };
    expect(decodeSkipToken(encodeSkipToken(first))).toEqual(first);
  });

  it('the next link is absolute on the public base, keeps $top/$count/$filter/$select, drops $skip, keeps $ readable', () => {
    const url = new URL(
      'http://internal:3000/cezanneondemand/v7/dataservice.svc/People?$top=10&$skip=20&$count=true&$filter=LastModified%20gt%202026-01-01T00:00:00Z&$select=PersonCode',
    );
    const link = nextLinkFor(url, 'https://hr.example.com/', cursor);
    expect(
      link.startsWith(
        'https://hr.example.com/cezanneondemand/v7/dataservice.svc/People?$top=10&$count=true&$filter=LastModified+gt+2026-01-01T00',
      ),
    ).toBe(true);
    const parsed = new URL(link);
    expect(parsed.searchParams.get('$skip')).toBeNull();
    expect(parsed.searchParams.get('$count')).toBe('true');
    expect(parsed.searchParams.get('$select')).toBe('PersonCode');
    expect(decodeSkipToken(parsed.searchParams.get('$skiptoken')!)).toEqual(cursor);
  });
});

describe('entity key segments', () => {
  it("People('X'), People(PersonCode='X') and doubled quotes", () => {
    expect(parseEntitySegment("People('P001')")).toEqual({ entitySet: 'People', key: 'P001' });
    expect(parseEntitySegment("People(PersonCode='P001')")).toEqual({ entitySet: 'People', key: 'P001' });
    expect(parseEntitySegment("People('O''Brien')")).toEqual({ entitySet: 'People', key: "O'Brien" });
    expect(parseEntitySegment("People('O'Brien')")).toBeNull();
    expect(parseEntitySegment('People(42)')).toBeNull();
    expect(parseEntitySegment('People')).toBeNull();
  });
});

describe('$orderby and the skiptoken of each order', () => {
  it('LastModified or the key, asc or desc; anything else is a 400 naming $orderby', () => {
    expect(parse('$orderby=LastModified desc').orderBy).toEqual({ by: 'LastModified', descending: true });
    expect(parse('$orderby=PersonCode').orderBy).toEqual({ by: 'Key', descending: false });
    expect(parse('$orderby=PersonCode%20asc').orderBy).toEqual({ by: 'Key', descending: false });
    for (const bad of ['GivenName', 'PersonCode sideways', 'PersonCode,LastModified', '']) {
      expect(rejects(() => parse(`$orderby=${encodeURIComponent(bad)}`)).target).toBe('$orderby');
    }
  });

  it('a key cursor (any text) and a horizon round-trip; a cursor of another order is refused', () => {
    const keyCursor = { code: "O'Brien ü/é", id: '5f0c2a8e-3b1d-4c6e-9a7f-2d4e6b8a0c1e', horizon: '100:105:101,103' };
    expect(decodeSkipToken(encodeSkipToken(keyCursor))).toEqual(keyCursor);
    const token = encodeSkipToken(keyCursor);
    expect(rejects(() => parse(`$skiptoken=${token}`)).target).toBe('$skiptoken');
    expect(parse(`$orderby=PersonCode&$skiptoken=${token}`).cursor).toEqual(keyCursor);
  });

  it('$deltatoken goes only with $select', () => {
    expect(parse('$deltatoken=abc&$select=PersonCode').deltaToken).toBe('abc');
    expect(rejects(() => parse('$deltatoken=abc&$top=5')).target).toBe('$top');
  });
});
