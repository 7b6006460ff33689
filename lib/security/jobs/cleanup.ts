import { z } from 'zod';
import { cleanUpSecurityRecords } from '@/lib/security/cleanup';
import { defineJob } from '@/lib/jobs/define';

/** Hourly (and once on start): deletes expired throttle rows, rate-limit counters and old SCIM log entries. */
export const securityCleanupJob = defineJob({
  name: 'security.cleanup',
  cron: '17 * * * *',
  runOnStart: true,
  data: z.object({}),
  policy: 'short',
  singletonKey: () => 'security.cleanup',
  retry: { limit: 2, delaySeconds: 60 },
  expireInSeconds: 15 * 60,
  run: async (_data, { db }) => cleanUpSecurityRecords(db),
});
