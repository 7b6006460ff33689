import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { listDirectoriesQuery, listEventsQuery, listUsersQuery, parseQuery, rawQuery } from './query';

const USER = 'directory_user_01E1JG7J09H96KYP8HM9B0G5SJ';
const DIRECTORY = 'directory_01ECAZ4NV9QMV47GW873HDCX74';
const EVENT = 'event_01EHZNVPK3SFK441A1RGBFSHRT';

const parse = <S extends Parameters<typeof parseQuery>[0]>(schema: S, query: string) =>
  parseQuery(schema, new URLSearchParams(query));

function rejection(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a 422');
}

describe('list parameters', () => {
  it('defaults: 10 newest first, no cursors', () => {
    expect(parse(listUsersQuery, '')).toEqual({ limit: 10, order: 'desc' });
  });

  it('reads limit, order and cursors as the SDK sends them', () => {
    expect(parse(listUsersQuery, `directory=${DIRECTORY}&limit=100&after=${USER}&order=normal`)).toEqual({
      directory: DIRECTORY,
      limit: 100,
      after: USER,
      order: 'normal',
    });
  });

  it('clamps limit to 1..100 and refuses what is not a whole number', () => {
    expect(parse(listUsersQuery, 'limit=1000').limit).toBe(100);
    expect(parse(listUsersQuery, 'limit=0').limit).toBe(1);
    for (const bad of ['-1', '1.5', 'ten', '1e3', '99999999999']) {
      const error = rejection(() => parse(listUsersQuery, `limit=${bad}`));
      expect(error.status).toBe(422);
      expect(error.body()).toMatchObject({
        code: 'invalid_request_parameters',
        errors: [{ field: 'limit', code: 'invalid_limit' }],
      });
    }
  });

  it('treats empty values as absent (the SDK drops them too)', () => {
    expect(parse(listUsersQuery, 'after=&directory=&limit=')).toEqual({ limit: 10, order: 'desc' });
  });

  it('names every bad parameter at once', () => {
    const error = rejection(() =>
      parse(listUsersQuery, 'order=sideways&before=directory_group_01E1JG7J09H96KYP8HM9B0G5SJ&directory=nope'),
    );
    expect((error.body().errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'before',
      'directory',
      'order',
    ]);
    expect(error.message).toContain('order must be asc, desc or normal.');
  });

  it('refuses a cursor of the wrong kind or shape', () => {
    for (const cursor of [EVENT, 'directory_user_123', `${USER}x`, 'directory_user_01e1jg7j09h96kyp8hm9b0g5sj']) {
      expect(rejection(() => parse(listUsersQuery, `after=${encodeURIComponent(cursor)}`)).errors?.[0].field).toBe(
        'after',
      );
    }
  });

  it('refuses a single-valued parameter given twice', () => {
    const error = rejection(() => parse(listUsersQuery, 'limit=5&limit=6'));
    expect(error.errors).toEqual([{ field: 'limit', code: 'invalid_limit', message: 'limit may be given only once.' }]);
  });

  it('idp_id and email need directory', () => {
    expect(rejection(() => parse(listUsersQuery, 'email=a@b.test')).errors?.[0]).toMatchObject({ field: 'email' });
    expect(parse(listUsersQuery, `email=a@b.test&idp_id=42&directory=${DIRECTORY}`)).toMatchObject({
      email: 'a@b.test',
      idp_id: '42',
    });
  });

  it('limits free text', () => {
    expect(rejection(() => parse(listDirectoriesQuery, `search=${'x'.repeat(201)}`)).errors?.[0].field).toBe('search');
  });
});

describe('events parameters', () => {
  const names = ['dsync.user.created', 'dsync.user.updated'];

  it('accepts the three spellings of the event filter', () => {
    expect(parse(listEventsQuery, 'events=dsync.user.created%2Cdsync.user.updated').events).toEqual(names);
    expect(parse(listEventsQuery, 'events=dsync.user.created&events=dsync.user.updated').events).toEqual(names);
    expect(parse(listEventsQuery, 'events[]=dsync.user.created&events[]=dsync.user.updated').events).toEqual(names);
    expect(
      parse(listEventsQuery, 'events%5B%5D=dsync.user.created&events=dsync.user.updated,dsync.user.created').events,
    ).toEqual(names);
  });

  it('refuses malformed event names', () => {
    expect(rejection(() => parse(listEventsQuery, 'events=DROP TABLE')).errors?.[0].field).toBe('events');
  });

  it('reads ranges and the cursor; after and range_start exclude each other', () => {
    const query = parse(listEventsQuery, `range_start=2026-01-01T00:00:00Z&range_end=2026-02-01&limit=5`);
    expect(query.range_start).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(query.range_end).toEqual(new Date('2026-02-01T00:00:00Z'));
    expect(rejection(() => parse(listEventsQuery, `after=${EVENT}&range_start=2026-01-01`)).errors?.[0].field).toBe(
      'range_start',
    );
    expect(rejection(() => parse(listEventsQuery, 'range_start=yesterday')).errors?.[0].field).toBe('range_start');
    expect(
      rejection(() => parse(listEventsQuery, 'range_start=2026-02-01&range_end=2026-01-01')).errors?.[0].field,
    ).toBe('range_end');
  });
});

describe('rawQuery', () => {
  it('keeps repeated multi-valued keys and reports repeated single ones', () => {
    expect(rawQuery(new URLSearchParams('events=a&events[]=b&after=x&after=y'))).toEqual({
      raw: { events: ['a', 'b'], after: 'x' },
      repeated: ['after'],
    });
  });
});
