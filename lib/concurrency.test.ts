import { describe, expect, it } from 'vitest';
import { KeyedConcurrency, TooManyConcurrent } from './concurrency';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('per-tenant concurrency', () => {
  it('runs at most `max` tasks of a key at once, in arrival order; other keys are not held up', async () => {
    const lanes = new KeyedConcurrency(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      order.push(i);
      running--;
      return i;
    };
    const busy = Promise.all([0, 1, 2, 3, 4, 5].map((i) => lanes.run('a', task(i))));
    await Promise.resolve();
    expect(lanes.load('a')).toEqual({ active: 2, waiting: 4 });
    const started = performance.now();
    expect(await lanes.run('b', async () => 'other tenant')).toBe('other tenant');
    expect(performance.now() - started).toBeLessThan(5);
    expect(await busy).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(lanes.load('a')).toEqual({ active: 0, waiting: 0 });
  });

  it('refuses past the waiting room; a failing task frees its slot', async () => {
    const lanes = new KeyedConcurrency(1, 1);
    const first = lanes.run('a', () => tick().then(() => 1));
    const second = lanes.run('a', () => Promise.reject(new Error('boom')));
    await expect(lanes.run('a', async () => 3)).rejects.toBeInstanceOf(TooManyConcurrent);
    expect(await first).toBe(1);
    await expect(second).rejects.toThrow('boom');
    expect(await lanes.run('a', async () => 4)).toBe(4);
  });
});
