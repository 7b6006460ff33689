/** Signed webhooks: endpoints, fan-out from the event outbox, ordered at-least-once delivery, the delivery log. */
export {
  checkEndpointUrl,
  createEndpoint,
  deleteEndpoint,
  disableEndpoint,
  enableEndpoint,
  endpointIdSchema,
  getEndpoint,
  listEndpoints,
  newEndpointSchema,
  requireEndpoint,
  waitingCounts,
  type EndpointSummary,
  type WebhookEndpoint,
} from './endpoints';
export {
  DELIVERY_STATUSES,
  deliveryIdSchema,
  listDeliveries,
  queueTestEvent,
  resendDelivery,
  testEventSchema,
  type DeliveryPage,
  type DeliveryStatus,
  type WebhookDelivery,
} from './deliveries';
export { deliverEndpoint, type DeliveryDeps, type DeliveryRunResult, type HttpPost } from './deliver';
export { fanOut, fanOutAll } from './fan-out';
export {
  DELIVER_JOB,
  FAN_OUT_JOB,
  TICK_JOB,
  runDeliveryJob,
  runFanOutJob,
  runWebhookTick,
  sendDeliveryJob,
  sendFanOutJob,
} from './jobs';
export { eventBody, sampleEvent, toEventPayload, type EventPayload } from './payload';
export { webhookSettingsFromEnv, type WebhookSettings } from './settings';
export { SIGNATURE_HEADER, signatureHeader } from './signature';
