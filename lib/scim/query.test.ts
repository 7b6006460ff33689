import { describe, expect, it } from 'vitest';
import { attributePath, isExcluded, parseListQuery, projectResource } from './query';
import { ENTERPRISE_USER_SCHEMA } from './schemas';

const q = (s: string) => parseListQuery(new URLSearchParams(s));

describe('list query', () => {
  it('paging per RFC 7644: startIndex < 1 → 1, negative count → 0, count capped at the maximum page size, default 100', () => {
    expect(q('startIndex=0&count=-3')).toMatchObject({ startIndex: 1, count: 0 });
    expect(q('count=5000')).toMatchObject({ count: 1000 });
    expect(q('')).toMatchObject({ startIndex: 1, count: 100, filter: null });
    expect(q('startIndex=2.7&count=3.2')).toMatchObject({ startIndex: 2, count: 3 });
    expect(() => q('startIndex=abc')).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('attributes and excludedAttributes, including URN paths; id and schemas always stay', () => {
    const resource = {
      schemas: ['s'],
      id: '1',
      userName: 'u',
      name: { givenName: 'g', familyName: 'f' },
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '7', department: 'd' },
    };
    expect(attributePath(`${ENTERPRISE_USER_SCHEMA}:employeeNumber`)).toEqual([
      ENTERPRISE_USER_SCHEMA,
      'employeenumber',
    ]);
    expect(
      projectResource(resource, {
        attributes: [['name', 'givenname'], attributePath(`${ENTERPRISE_USER_SCHEMA}:employeeNumber`)],
        excludedAttributes: null,
      }),
    ).toEqual({
      schemas: ['s'],
      id: '1',
      name: { givenName: 'g' },
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '7' },
    });
    expect(
      projectResource(resource, {
        attributes: null,
        excludedAttributes: [['id'], ['username'], [ENTERPRISE_USER_SCHEMA]],
      }),
    ).toEqual({
      schemas: ['s'],
      id: '1',
      name: { givenName: 'g', familyName: 'f' },
    });
    expect(isExcluded({ attributes: null, excludedAttributes: [['members']] }, 'members')).toBe(true);
    expect(isExcluded({ attributes: [['displayname']], excludedAttributes: null }, 'members')).toBe(true);
    expect(isExcluded({ attributes: null, excludedAttributes: null }, 'members')).toBe(false);
  });
});
