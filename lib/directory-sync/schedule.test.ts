import { describe, expect, it } from 'vitest';
import { isDue, nextSlotAfter, skippedSlots, SYNC_INTERVAL_MS } from './schedule';

const anchor = new Date('2026-03-02T10:07:13.000Z');
const at = (iso: string) => new Date(iso);

describe('30-minute schedule from the initial sync (pure, injected times)', () => {
  it('the first slot after the initial sync is anchor + 30 minutes', () => {
    expect(nextSlotAfter(anchor, anchor)).toEqual(at('2026-03-02T10:37:13.000Z'));
    expect(nextSlotAfter(anchor, at('2026-03-02T10:37:12.999Z'))).toEqual(at('2026-03-02T10:37:13.000Z'));
  });

  it('slots stay on anchor + k × 30 min whenever a run actually happened', () => {
    expect(nextSlotAfter(anchor, at('2026-03-02T10:37:40.000Z'))).toEqual(at('2026-03-02T11:07:13.000Z'));
    expect(nextSlotAfter(anchor, at('2026-03-02T10:37:13.000Z'))).toEqual(at('2026-03-02T11:07:13.000Z'));
  });

  it('missed slots are skipped, not queued up: after 3 hours down, the next slot is the one after now', () => {
    const now = at('2026-03-02T13:20:00.000Z');
    expect(nextSlotAfter(anchor, now)).toEqual(at('2026-03-02T13:37:13.000Z'));
    expect(skippedSlots(at('2026-03-02T10:37:13.000Z'), now)).toBe(5);
    expect((nextSlotAfter(anchor, now).getTime() - anchor.getTime()) % SYNC_INTERVAL_MS).toBe(0);
  });

  it('due means the slot has come', () => {
    expect(isDue(null, anchor)).toBe(false);
    expect(isDue(at('2026-03-02T10:37:13.000Z'), at('2026-03-02T10:37:12.000Z'))).toBe(false);
    expect(isDue(at('2026-03-02T10:37:13.000Z'), at('2026-03-02T10:37:13.000Z'))).toBe(true);
  });
});
