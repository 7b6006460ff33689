import { describe, expect, it } from 'vitest';
import { count, expiresIn, utcMinute } from './format';

describe('utcMinute', () => {
  it('shows a moment to the minute in UTC', () => {
    expect(utcMinute(new Date('2026-11-27T21:40:59.999Z'))).toBe('2026-11-27 21:40 UTC');
  });
});

describe('count', () => {
  it('puts the noun in the singular for one only', () => {
    expect(count(1, 'row')).toBe('1 row');
    expect(count(0, 'row')).toBe('0 rows');
    expect(count(2, 'row')).toBe('2 rows');
    expect(count(1200, 'person', 'people')).toBe('1,200 people');
    expect(count(1, 'person', 'people')).toBe('1 person');
  });
});

describe('expiresIn', () => {
  it('says today and tomorrow rather than "in 0 days"', () => {
    expect(expiresIn(0)).toBe('today');
    expect(expiresIn(1)).toBe('tomorrow');
    expect(expiresIn(2)).toBe('in 2 days');
    expect(expiresIn(30)).toBe('in 30 days');
  });
});
