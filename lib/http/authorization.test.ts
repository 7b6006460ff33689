import { describe, expect, it } from 'vitest';
import { bearerToken } from './authorization';

describe('bearerToken (one parser for the SCIM service and the HR API)', () => {
  it('reads "Bearer <token>" with the scheme in any case and any spaces around it', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer   abc ')).toBe('abc');
    expect(bearerToken('  BEARER scim_Ab-9_x.y~z+/==')).toBe('scim_Ab-9_x.y~z+/==');
  });

  it('reads nothing else: no header, another scheme, two words, characters no token has', () => {
    expect(bearerToken(null)).toBeNull();
    expect(bearerToken('')).toBeNull();
    expect(bearerToken('Bearer')).toBeNull();
    expect(bearerToken('Basic YTpi')).toBeNull();
    expect(bearerToken('Basic a b')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken('Bearer tok"en')).toBeNull();
    expect(bearerToken('Bearer\tabc')).toBeNull();
  });

  it('reads a bare token only where the caller accepts one (SCIM: Okta "HTTP Header" mode)', () => {
    expect(bearerToken('abc')).toBeNull();
    expect(bearerToken('abc', { bareTokenAccepted: true })).toBe('abc');
    expect(bearerToken(' abc ', { bareTokenAccepted: true })).toBe('abc');
    expect(bearerToken('Bearer abc', { bareTokenAccepted: true })).toBe('abc');
    expect(bearerToken('Basic a b', { bareTokenAccepted: true })).toBeNull();
    expect(bearerToken('Basic YTpi', { bareTokenAccepted: true })).toBeNull();
  });
});
