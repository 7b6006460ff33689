'use server';
import { z } from 'zod';
import { defineStaffAction } from '@/lib/actions';
import { setCezanneHrEnabled } from '@/lib/directory-sync/integrations';
import { zCheckbox } from '@/lib/form-fields';

export const setCezanneHrEnabledAction = defineStaffAction({
  area: 'directorySyncSettings',
  input: z.object({ enabled: zCheckbox }),
  revalidate: '/dashboard/settings',
  run: async (input, ctx) => {
    if (await setCezanneHrEnabled(ctx.db, ctx.tenantId, input.enabled, ctx.staff.email)) {
      await ctx.audit({
        action: input.enabled ? 'directory_sync.cezanne_hr_enabled' : 'directory_sync.cezanne_hr_disabled',
        target: 'Cezanne HR',
      });
    }
    return { enabled: input.enabled };
  },
});
