import { describe, expect, it } from 'vitest';
import { canUse } from './roles';
import { navigationFor, startPathFor } from '@/lib/navigation';
import { delayAfter, THROTTLE_POLICY } from './throttle';

const labels = (role: Parameters<typeof navigationFor>[0]) =>
  navigationFor(role).flatMap((s) => s.items.map((i) => i.href));

describe('roles and navigation', () => {
  it('hr_professional sees Administration only; it_admin sees Directory Sync only; owner sees all', () => {
    expect(navigationFor('hr_professional').map((s) => s.title)).toEqual(['Administration']);
    expect(navigationFor('it_admin').map((s) => s.title)).toEqual(['Directory Sync']);
    expect(navigationFor('owner').map((s) => s.title)).toEqual(['Administration', 'Directory Sync', 'Settings']);
    expect(labels('it_admin')).not.toContain('/admin/people');
    expect(labels('hr_professional')).not.toContain('/dashboard/organizations');
    expect(labels('hr_professional')).not.toContain('/settings/members');
  });

  it('start pages follow the role', () => {
    expect(startPathFor('hr_professional')).toBe('/admin/people');
    expect(startPathFor('it_admin')).toBe('/dashboard/organizations');
    expect(canUse('owner', 'members')).toBe(true);
    expect(canUse('it_admin', 'members')).toBe(false);
  });
});

describe('sign-in throttle policy', () => {
  it('allows the free failures, then doubles the delay up to the cap', () => {
    const free = THROTTLE_POLICY.emailFreeFailures;
    expect(delayAfter(free - 1, free)).toBe(0);
    expect(delayAfter(free, free)).toBe(THROTTLE_POLICY.baseDelaySeconds);
    expect(delayAfter(free + 1, free)).toBe(THROTTLE_POLICY.baseDelaySeconds * 2);
    expect(delayAfter(free + 30, free)).toBe(THROTTLE_POLICY.maxDelaySeconds);
  });
});
