'use server';
import { defineStaffAction } from '@/lib/actions';
import { webhookDeliveryJob } from '@/lib/directory-sync/jobs';
import {
  deliveryIdSchema,
  queueTestEvent,
  resendDelivery,
  testEventSchema,
} from '@/lib/directory-sync/webhooks/deliveries';
import {
  createEndpoint,
  deleteEndpoint,
  disableEndpoint,
  enableEndpoint,
  endpointIdSchema,
  newEndpointSchema,
} from '@/lib/directory-sync/webhooks/endpoints';
import { sendJob } from '@/lib/jobs/queue';
import { egressPolicyFromEnv } from '@/lib/net/egress';

// The Webhooks pages' actions (owner and it_admin). Those that make a delivery due also queue its endpoint's delivery
// run in the same transaction, so it exists exactly when the change commits.

export const createEndpointAction = defineStaffAction({
  area: 'directorySync',
  input: newEndpointSchema,
  revalidate: '/dashboard/webhooks',
  run: async (input, ctx) => {
    const { endpoint, secret } = await createEndpoint(ctx.db, ctx.tenantId, ctx.staff.id, input, egressPolicyFromEnv());
    await ctx.audit({
      action: 'webhook_endpoint.created',
      target: endpoint.url,
      details: { events: endpoint.events, secretLastFour: endpoint.secretLastFour },
    });
    return { endpointId: endpoint.id, url: endpoint.url, secret };
  },
});

export const enableEndpointAction = defineStaffAction({
  area: 'directorySync',
  input: endpointIdSchema,
  revalidate: '/dashboard/webhooks',
  run: async (input, ctx) => {
    const endpoint = await enableEndpoint(ctx.db, ctx.tenantId, input.endpointId, new Date());
    await ctx.audit({ action: 'webhook_endpoint.enabled', target: endpoint.url });
    await sendJob(webhookDeliveryJob, { endpointId: endpoint.id }, { db: ctx.db });
    return { endpointId: endpoint.id };
  },
});

export const disableEndpointAction = defineStaffAction({
  area: 'directorySync',
  input: endpointIdSchema,
  revalidate: '/dashboard/webhooks',
  run: async (input, ctx) => {
    const endpoint = await disableEndpoint(
      ctx.db,
      ctx.tenantId,
      input.endpointId,
      `Disabled by ${ctx.staff.email}.`,
      new Date(),
    );
    await ctx.audit({ action: 'webhook_endpoint.disabled', target: endpoint.url, details: { automatic: false } });
    return { endpointId: endpoint.id };
  },
});

export const deleteEndpointAction = defineStaffAction({
  area: 'directorySync',
  input: endpointIdSchema,
  revalidate: '/dashboard/webhooks',
  run: async (input, ctx) => {
    const endpoint = await deleteEndpoint(ctx.db, ctx.tenantId, input.endpointId);
    await ctx.audit({ action: 'webhook_endpoint.deleted', target: endpoint.url, details: { events: endpoint.events } });
    return { url: endpoint.url };
  },
});

export const sendTestEventAction = defineStaffAction({
  area: 'directorySync',
  input: testEventSchema,
  revalidate: '/dashboard/webhooks',
  run: async (input, ctx) => {
    const { endpoint, delivery } = await queueTestEvent(
      ctx.db,
      ctx.tenantId,
      input.endpointId,
      input.event,
      new Date(),
    );
    await ctx.audit({
      action: 'webhook_endpoint.test_sent',
      target: endpoint.url,
      details: { event: input.event, eventId: delivery.eventId },
    });
    await sendJob(webhookDeliveryJob, { endpointId: endpoint.id }, { db: ctx.db });
    return { endpointId: endpoint.id, deliveryId: delivery.id };
  },
});

export const resendDeliveryAction = defineStaffAction({
  area: 'directorySync',
  input: deliveryIdSchema,
  revalidate: '/dashboard/webhooks',
  run: async (input, ctx) => {
    const { mode, delivery, endpointId } = await resendDelivery(ctx.db, ctx.tenantId, input.deliveryId, new Date());
    await ctx.audit({
      action: 'webhook_delivery.resent',
      target: delivery.eventId,
      details: { event: delivery.eventName, deliveryId: input.deliveryId, endpointId, mode },
    });
    await sendJob(webhookDeliveryJob, { endpointId: endpointId }, { db: ctx.db });
    return { endpointId, mode };
  },
});
