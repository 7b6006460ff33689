import { describe, expect, it } from 'vitest';
import { checkRow } from './csv-format';
import { personCode, personSchema } from './schemas';

const rule = personCode({ required: 'required', tooLong: 'too long', hasSpaces: 'has spaces' });
const firstMessage = (value: unknown) => rule.safeParse(value).error?.issues[0].message;

describe('person code rule (one rule for the person form, the CSV import and the HR API)', () => {
  it('a person code is required, at most 50 characters and has no spaces anywhere; it is trimmed', () => {
    expect(rule.parse('  P-001 ')).toBe('P-001');
    expect(rule.parse('x'.repeat(50))).toBe('x'.repeat(50));
    expect(firstMessage('')).toBe('required');
    expect(firstMessage('   ')).toBe('required');
    expect(firstMessage('x'.repeat(51))).toBe('too long');
    expect(firstMessage('P 1')).toBe('has spaces');
    expect(firstMessage('P\t1')).toBe('has spaces');
  });

  it('the person form and the CSV import both apply it, each in its own words', () => {
    const form = (code: string) =>
      personSchema.safeParse({ personCode: code, givenName: 'A', familyName: 'B' }).error?.issues[0].message;
    const csv = (code: string) =>
      checkRow({ line: 2, values: { personCode: code, givenName: 'A', familyName: 'B' } }).problems;
    expect(form('P 1')).toBe('A person code cannot contain spaces.');
    expect(csv('P 1')).toEqual(['person code contains a space']);
    expect(form('x'.repeat(51))).toBe('Use at most 50 characters.');
    expect(csv('x'.repeat(51))).toEqual(['person code is longer than 50 characters']);
    expect(form('')).toBe('Enter a person code.');
    expect(csv('')).toEqual(['person code is empty']);
  });
});
