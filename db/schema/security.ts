import { bigint, index, integer, pgTable, varchar } from 'drizzle-orm/pg-core';

/**
 * Request counters of rate-limiter-flexible's PostgreSQL store (lib/rate-limits.ts), shared by every app process.
 * The layout is the library's own (`key`, `points`, `expire` in epoch ms); it is created here so migrations own it.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: varchar('key', { length: 255 }).primaryKey(),
    points: integer('points').notNull().default(0),
    expire: bigint('expire', { mode: 'number' }),
  },
  (t) => [index('rate_limits_expire_idx').on(t.expire)],
);
