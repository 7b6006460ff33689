/**
 * At most `max` requests of one key (a tenant) run at once in this process; the others wait their turn, and past
 * `maxWaiting` are refused. A client within its rate limit but on many connections then takes at most `max` of the
 * machine's workers, so the other tenants' requests do not queue behind all of its own.
 */
export class TooManyConcurrent extends Error {
  constructor() {
    super('Too many requests at once');
    this.name = 'TooManyConcurrent';
  }
}

type Lane = { active: number; waiting: (() => void)[] };

export class KeyedConcurrency {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    readonly max: number,
    readonly maxWaiting = 200,
  ) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    if (this.max <= 0) return task();
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { active: 0, waiting: [] }));
    if (lane.active >= this.max) {
      if (lane.waiting.length >= this.maxWaiting) throw new TooManyConcurrent();
      await new Promise<void>((resolve) => lane!.waiting.push(resolve));
    } else lane.active++;
    try {
      return await task();
    } finally {
      const next = lane.waiting.shift();
      if (next)
        next(); // the slot passes on: `active` stays the same
      else if (--lane.active === 0) this.lanes.delete(key);
    }
  }

  /** For tests: requests running and waiting for a key. */
  load(key: string) {
    const lane = this.lanes.get(key);
    return { active: lane?.active ?? 0, waiting: lane?.waiting.length ?? 0 };
  }
}

/** One limiter per name, shared by every bundle of the process; the size comes from `env` (0 = no limit). */
export function concurrencyFor(name: string, env: string, fallback: number): KeyedConcurrency {
  const configured = Number(process.env[env] ?? fallback);
  const max = Number.isInteger(configured) && configured >= 0 ? configured : fallback;
  const registry = ((globalThis as { rosterConcurrency?: Map<string, KeyedConcurrency> }).rosterConcurrency ??=
    new Map());
  const id = `${name}/${max}`;
  let limiter = registry.get(id);
  if (!limiter) registry.set(id, (limiter = new KeyedConcurrency(max)));
  return limiter;
}
