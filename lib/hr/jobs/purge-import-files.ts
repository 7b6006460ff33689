import { z } from 'zod';
import { defineJob } from '@/lib/jobs/define';
import { purgeImportFiles } from '../csv-import';

/** Hourly: uploaded CSV files not imported within 24 hours are dropped (an imported file is dropped at once). */
export const purgeImportFilesJob = defineJob({
  name: 'hr.purge-import-files',
  cron: '17 * * * *',
  runOnStart: true,
  data: z.object({}),
  run: async (_data, { db }) => ({ purged: await purgeImportFiles(db) }),
});
