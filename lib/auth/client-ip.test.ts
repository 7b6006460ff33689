import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';

describe('sign-in client IP (per-IP throttle)', () => {
  it('takes the address our proxy appended, not the one the client sent first', () => {
    expect(clientIp({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7' })).toBe('203.0.113.7');
    expect(clientIp({ 'x-forwarded-for': '203.0.113.7' })).toBe('203.0.113.7');
  });

  it('counts trusted proxy hops from the right', () => {
    expect(clientIp({ 'x-forwarded-for': 'spoofed, 203.0.113.7, 10.0.0.2' }, 2)).toBe('203.0.113.7');
    expect(clientIp({ 'x-forwarded-for': '203.0.113.7' }, 3)).toBe('203.0.113.7');
  });

  it('falls back to X-Real-IP, else no address', () => {
    expect(clientIp({ 'x-real-ip': '198.51.100.4' })).toBe('198.51.100.4');
    expect(clientIp({})).toBeNull();
    expect(clientIp(undefined)).toBeNull();
  });
});
