import { describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import { groupFilterSql, normaliseAttrPath, parseScimFilter, userFilterSql } from './filter';
import { CORE_USER_SCHEMA, ENTERPRISE_USER_SCHEMA } from './schemas';

const dialect = new PgDialect();
const compile = (filter: string) => dialect.sqlToQuery(userFilterSql(parseScimFilter(filter)));

describe('SCIM filter → SQL', () => {
  it('userName eq compiles to the indexed lower(user_name) = lower($1) form, with the value as a parameter', () => {
    const q = compile('userName eq "Ann@X.test"');
    expect(q.sql).toBe('(lower(ua.user_name) = lower($1::text))');
    expect(q.params).toEqual(['Ann@X.test']);
  });

  it('not guards NULL (missing attribute = false) with coalesce; and/or keep their grouping', () => {
    expect(compile('not (emails.value co "x") and (active eq true or externalId pr)').sql).toBe(
      "((not coalesce((strpos(lower(ua.email), lower($1::text)) > 0), false)) and ((ua.active = $2) or (ua.external_id <> '')))",
    );
  });

  it('attribute names are case-insensitive and may carry their schema URN', () => {
    expect(normaliseAttrPath(`${CORE_USER_SCHEMA}:UserName`, [CORE_USER_SCHEMA])).toBe('username');
    expect(compile(`${ENTERPRISE_USER_SCHEMA}:employeeNumber eq "7"`).sql).toBe('(p.person_code = $1::text)');
  });

  it('values are never spliced into SQL text', () => {
    const q = compile(`userName eq "x') or 1=1 --"`);
    expect(q.sql).not.toContain('1=1');
    expect(q.params).toEqual([`x') or 1=1 --`]);
  });

  it('ids that are not UUIDs compare as false instead of reaching PostgreSQL', () => {
    expect(compile('id eq "010101001010101011001010101011"').sql).toBe('false');
    expect(dialect.sqlToQuery(groupFilterSql(parseScimFilter('members eq "nope"'))).sql).toBe('false');
  });

  it('refuses what it cannot translate with invalidFilter', () => {
    for (const f of [
      'nickName eq "x"',
      'active gt true',
      'emails[type eq "work" and emails[value pr]]',
      'meta.lastModified co "2020"',
    ]) {
      expect(() => compile(f), f).toThrow(expect.objectContaining({ status: 400, scimType: 'invalidFilter' }));
    }
    expect(() => parseScimFilter('x'.repeat(3000))).toThrow(expect.objectContaining({ scimType: 'invalidFilter' }));
  });
});
