'use server';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { staffAction, type ActionContext, type ActionInput, type ActionSpec, type ActionState } from '@/lib/actions';
import { sendDeliveryJob } from '@/lib/directory-sync/webhooks';
import {
  createEndpointCommand,
  deleteEndpointCommand,
  disableEndpointCommand,
  enableEndpointCommand,
  resendDeliveryCommand,
  sendTestEventCommand,
} from '@/lib/directory-sync/webhooks/actions';
import { startBackgroundJobs } from '@/lib/jobs/boss';

type Command<S extends z.ZodType, R> = { spec: ActionSpec<S>; run: (input: z.infer<S>, ctx: ActionContext) => Promise<R> };

/** The command as a server action; the Webhooks pages (list and endpoint) show the change. */
function action<S extends z.ZodType, R>(command: Command<S, R>) {
  return staffAction(command.spec, async (input, ctx) => {
    const result = await command.run(input, ctx);
    revalidatePath('/dashboard/webhooks', 'layout');
    return result;
  });
}

/**
 * After the change has committed, asks for a delivery run of the endpoint now. Without a job queue in this process
 * (ROSTER_JOBS=off) the minute tick of a worker process finds the due delivery instead.
 */
function thenDeliver<R extends { endpointId: string }>(run: (previous: ActionState<R> | undefined, input: ActionInput) => Promise<ActionState<R>>) {
  return async (previous: ActionState<R> | undefined, input: ActionInput): Promise<ActionState<R>> => {
    const result = await run(previous, input);
    if (result.ok && result.data) {
      const boss = await startBackgroundJobs();
      if (boss) await sendDeliveryJob(boss, result.data.endpointId).catch((error) => console.error('[roster] webhook delivery job not sent', error));
    }
    return result;
  };
}

export const createEndpointAction = action(createEndpointCommand);
export const enableEndpointAction = thenDeliver(action(enableEndpointCommand));
export const disableEndpointAction = action(disableEndpointCommand);
export const deleteEndpointAction = action(deleteEndpointCommand);
export const sendTestEventAction = thenDeliver(action(sendTestEventCommand));
export const resendDeliveryAction = thenDeliver(action(resendDeliveryCommand));
