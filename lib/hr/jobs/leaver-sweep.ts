import { z } from 'zod';
import { defineJob } from '@/lib/jobs/define';
import { sweepLeavers } from '../leaver-sweep';

/** Daily at 00:05 UTC (and once on start): people whose primary employment has ended become inactive. */
export const leaverSweepJob = defineJob({
  name: 'hr.leaver-sweep',
  cron: '5 0 * * *',
  runOnStart: true,
  data: z.object({ today: z.iso.date().optional() }),
  retry: { limit: 3, delaySeconds: 60 },
  expireInSeconds: 15 * 60,
  run: async ({ today }, { db }) => {
    const sweeps = await sweepLeavers(db, today);
    return { tenants: sweeps.length, people: sweeps.reduce((sum, s) => sum + s.personCodes.length, 0) };
  },
});
