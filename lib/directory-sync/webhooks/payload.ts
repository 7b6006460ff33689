/**
 * The webhook body is the event object, byte for byte the item that `GET /events` lists (`toEvent` of the Events API,
 * lib/directory-sync/api/mappers.ts on the issue-13 branch: the same keys in the same order): `JSON.stringify` of
 * `{object, id, event, data, created_at, context}` (compact, no `\u` escaping), so that a receiver that passes the
 * parsed object to `constructEvent` (which stringifies it again) verifies the same bytes.
 */
import { newId } from '../ids';
import type { DsyncEventName } from '../events';

export type OutboxEvent = { id: string; event: string; data: unknown; createdAt: Date };

export type EventPayload = {
  object: 'event';
  id: string;
  event: string;
  data: unknown;
  created_at: string;
  context: Record<string, never>;
};

export function toEventPayload(event: OutboxEvent): EventPayload {
  return {
    object: 'event',
    id: event.id,
    event: event.event,
    data: event.data,
    created_at: event.createdAt.toISOString(),
    context: {},
  };
}

export function eventBody(payload: EventPayload): string {
  return JSON.stringify(payload);
}

/** Made-up but well-formed data for "Send test event": the shapes of section 3.2 of the WorkOS reference. */
export function sampleEvent(name: DsyncEventName, now: Date): EventPayload {
  const at = now.toISOString();
  const organizationId = newId('organization', now);
  const directoryId = newId('directory', now);
  const user = {
    object: 'directory_user',
    id: newId('directoryUser', now),
    directory_id: directoryId,
    organization_id: organizationId,
    idp_id: 'TEST001',
    email: 'test.user@example.com',
    first_name: 'Test',
    last_name: 'User',
    name: 'Test User',
    emails: [{ primary: true, type: 'work', value: 'test.user@example.com' }],
    username: 'test.user@example.com',
    job_title: 'Test Engineer',
    state: name === 'dsync.user.deleted' ? 'inactive' : 'active',
    raw_attributes: {},
    custom_attributes: { department_name: 'Test Department', job_title: 'Test Engineer' },
    created_at: at,
    updated_at: at,
  };
  const group = {
    object: 'directory_group',
    id: newId('directoryGroup', now),
    idp_id: 'TEST-DEPT',
    directory_id: directoryId,
    organization_id: organizationId,
    name: 'Test Department',
    raw_attributes: {},
    created_at: at,
    updated_at: at,
  };
  const directory = {
    object: 'directory',
    id: directoryId,
    organization_id: organizationId,
    type: 'cezanne hr',
    state: 'active',
    name: 'Test Directory',
    created_at: at,
    updated_at: at,
  };
  const data: Record<DsyncEventName, unknown> = {
    'dsync.activated': { ...directory, external_key: newId('directory', now).slice('directory_'.length), domains: [] },
    'dsync.deleted': directory,
    'dsync.user.created': user,
    'dsync.user.updated': { ...user, previous_attributes: { job_title: 'Engineer' } },
    'dsync.user.deleted': user,
    'dsync.group.created': group,
    'dsync.group.updated': { ...group, previous_attributes: { name: 'Old Test Department' } },
    'dsync.group.deleted': group,
    'dsync.group.user_added': { directory_id: directoryId, user, group },
    'dsync.group.user_removed': { directory_id: directoryId, user, group },
  };
  return { object: 'event', id: newId('event', now), event: name, data: data[name], created_at: at, context: {} };
}
