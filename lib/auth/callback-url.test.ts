import { describe, expect, it } from 'vitest';
import { loginPathFor, safeCallbackPath } from './callback-url';

describe('safeCallbackPath: same-origin relative paths only', () => {
  it('keeps a relative path with its query and hash', () => {
    expect(safeCallbackPath('/admin/people?q=ada&page=2')).toBe('/admin/people?q=ada&page=2');
    expect(safeCallbackPath('/admin/audit-log#top')).toBe('/admin/audit-log#top');
  });

  it.each([
    'https://evil.test/',
    '//evil.test/path',
    '/\\evil.test',
    '/\t/evil.test',
    '/\n/evil.test',
    'javascript:alert(1)',
    'admin/people',
    '',
    '/login',
    '/login?callbackUrl=/x',
    '/change-password',
    '/api/auth/signout',
  ])('refuses %j', (value) => {
    expect(safeCallbackPath(value)).toBeNull();
  });

  it('refuses non-strings and very long values', () => {
    expect(safeCallbackPath(['/a'])).toBeNull();
    expect(safeCallbackPath(undefined)).toBeNull();
    expect(safeCallbackPath(`/${'a'.repeat(2100)}`)).toBeNull();
  });

  it('loginPathFor encodes the path, or leaves it out', () => {
    expect(loginPathFor('/admin/users?q=a b')).toBe('/login?callbackUrl=%2Fadmin%2Fusers%3Fq%3Da%2520b');
    expect(loginPathFor('//evil.test')).toBe('/login');
    expect(loginPathFor('/')).toBe('/login');
    expect(loginPathFor(null)).toBe('/login');
  });
});
