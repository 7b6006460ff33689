// The Webhooks page's server actions as (spec, handler) pairs: `app/…/webhooks/actions.ts` wraps them with
// `staffAction` (and, after the commit, sends the delivery job); tests run them through `runStaffAction`.
import type { z } from 'zod';
import type { ActionContext } from '@/lib/actions';
import { egressPolicyFromEnv } from '@/lib/net/egress';
import { deliveryIdSchema, queueTestEvent, resendDelivery, testEventSchema } from './deliveries';
import { createEndpoint, deleteEndpoint, disableEndpoint, enableEndpoint, endpointIdSchema, newEndpointSchema } from './endpoints';

const area = 'directorySync' as const;

export const createEndpointCommand = {
  spec: { area, schema: newEndpointSchema },
  async run(input: z.infer<typeof newEndpointSchema>, ctx: ActionContext) {
    const { endpoint, secret } = await createEndpoint(ctx.db, ctx.tenantId, ctx.staff.id, input, egressPolicyFromEnv());
    await ctx.audit({ action: 'webhook_endpoint.created', target: endpoint.url, details: { events: endpoint.events, secretLastFour: endpoint.secretLastFour } });
    return { endpointId: endpoint.id, url: endpoint.url, secret };
  },
};

export const enableEndpointCommand = {
  spec: { area, schema: endpointIdSchema },
  async run(input: z.infer<typeof endpointIdSchema>, ctx: ActionContext) {
    const endpoint = await enableEndpoint(ctx.db, ctx.tenantId, input.endpointId, new Date());
    await ctx.audit({ action: 'webhook_endpoint.enabled', target: endpoint.url });
    return { endpointId: endpoint.id };
  },
};

export const disableEndpointCommand = {
  spec: { area, schema: endpointIdSchema },
  async run(input: z.infer<typeof endpointIdSchema>, ctx: ActionContext) {
    const endpoint = await disableEndpoint(ctx.db, ctx.tenantId, input.endpointId, `Disabled by ${ctx.staff.email}.`, new Date());
    await ctx.audit({ action: 'webhook_endpoint.disabled', target: endpoint.url, details: { automatic: false } });
    return { endpointId: endpoint.id };
  },
};

export const deleteEndpointCommand = {
  spec: { area, schema: endpointIdSchema },
  async run(input: z.infer<typeof endpointIdSchema>, ctx: ActionContext) {
    const endpoint = await deleteEndpoint(ctx.db, ctx.tenantId, input.endpointId);
    await ctx.audit({ action: 'webhook_endpoint.deleted', target: endpoint.url, details: { events: endpoint.events } });
    return { url: endpoint.url };
  },
};

export const sendTestEventCommand = {
  spec: { area, schema: testEventSchema },
  async run(input: z.infer<typeof testEventSchema>, ctx: ActionContext) {
    const { endpoint, delivery } = await queueTestEvent(ctx.db, ctx.tenantId, input.endpointId, input.event, new Date());
    await ctx.audit({ action: 'webhook_endpoint.test_sent', target: endpoint.url, details: { event: input.event, eventId: delivery.eventId } });
    return { endpointId: endpoint.id, deliveryId: delivery.id };
  },
};

export const resendDeliveryCommand = {
  spec: { area, schema: deliveryIdSchema },
  async run(input: z.infer<typeof deliveryIdSchema>, ctx: ActionContext) {
    const { mode, delivery, endpointId } = await resendDelivery(ctx.db, ctx.tenantId, input.deliveryId, new Date());
    await ctx.audit({
      action: 'webhook_delivery.resent',
      target: delivery.eventId,
      details: { event: delivery.eventName, deliveryId: input.deliveryId, endpointId, mode },
    });
    return { endpointId, mode };
  },
};
