import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publicBaseUrl } from './public-url';

describe('publicBaseUrl', () => {
  const saved = { public: process.env.ROSTER_PUBLIC_URL, nextauth: process.env.NEXTAUTH_URL };
  beforeEach(() => {
    delete process.env.ROSTER_PUBLIC_URL;
    delete process.env.NEXTAUTH_URL;
  });
  afterEach(() => {
    if (saved.public === undefined) delete process.env.ROSTER_PUBLIC_URL;
    else process.env.ROSTER_PUBLIC_URL = saved.public;
    if (saved.nextauth === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = saved.nextauth;
  });

  it('behind a chain of proxies uses the first forwarded host and protocol (a list is never pasted into the URL)', () => {
    const headers = new Headers({
      'x-forwarded-host': 'hr.example.com, proxy.internal',
      'x-forwarded-proto': 'https, http',
      host: 'proxy.internal',
    });
    expect(publicBaseUrl(headers)).toBe('https://hr.example.com');
  });

  it('prefers ROSTER_PUBLIC_URL over the request, without its trailing slash', () => {
    process.env.ROSTER_PUBLIC_URL = 'https://roster.example.com/';
    expect(publicBaseUrl(new Headers({ host: 'ignored.test' }))).toBe('https://roster.example.com');
  });
});
