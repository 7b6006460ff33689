/**
 * Streams a snapshot into the staging tables one page at a time (bounded memory). A user whose content hash equals
 * the stored one is staged as a bare key (`unchanged`): a re-sync writes little and the apply skips it.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { SnapshotGroup, SnapshotUser } from './providers/types';

export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}

export function userContentHash(user: SnapshotUser): string {
  return contentHash([
    user.email,
    user.firstName,
    user.lastName,
    user.name,
    user.username,
    user.jobTitle,
    user.state,
    user.emails,
    user.customAttributes,
    user.rawAttributes,
    user.groupIdpIds,
  ]);
}

export const groupContentHash = (group: SnapshotGroup) => contentHash([group.name, group.rawAttributes]);

export type StageTarget = { tenantId: string; directoryId: string; runId: string };

/** Keeps the last copy when a paging API shows a record twice (a person changed while we paged moves to the end). */
function lastById<T extends { idpId: string }>(items: T[]): T[] {
  return [...new Map(items.map((item) => [item.idpId, item])).values()];
}

export async function stageGroups(db: Executor, target: StageTarget, groups: SnapshotGroup[]): Promise<void> {
  const rows = lastById(groups).map((g) => ({
    idp_id: g.idpId,
    name: g.name,
    raw_attributes: g.rawAttributes,
    content_hash: groupContentHash(g),
  }));
  if (!rows.length) return;
  await db.execute(sql`
    insert into directory_staged_groups (run_id, tenant_id, idp_id, name, raw_attributes, content_hash)
    select ${target.runId}, ${target.tenantId}, x.idp_id, x.name, x.raw_attributes, x.content_hash
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(idp_id text, name text, raw_attributes jsonb, content_hash text)
    on conflict (run_id, idp_id) do update
      set name = excluded.name, raw_attributes = excluded.raw_attributes, content_hash = excluded.content_hash`);
}

export async function stageUsers(db: Executor, target: StageTarget, users: SnapshotUser[]): Promise<void> {
  const unique = lastById(users);
  if (!unique.length) return;
  const hashes = unique.map(userContentHash);
  const stored = await db.execute<{ idp_id: string; content_hash: string }>(sql`
    select idp_id, content_hash from directory_users
    where tenant_id = ${target.tenantId} and directory_id = ${target.directoryId} and deleted_at is null
      and idp_id = any(${sql.param(unique.map((u) => u.idpId))}::text[])`);
  const storedHash = new Map(stored.rows.map((row) => [row.idp_id, row.content_hash]));
  const rows = unique.map((user, i) =>
    storedHash.get(user.idpId) === hashes[i]
      ? { idp_id: user.idpId, unchanged: true }
      : {
          idp_id: user.idpId,
          unchanged: false,
          email: user.email,
          first_name: user.firstName,
          last_name: user.lastName,
          name: user.name,
          username: user.username,
          job_title: user.jobTitle,
          state: user.state,
          emails: user.emails,
          custom_attributes: user.customAttributes,
          raw_attributes: user.rawAttributes,
          group_idp_ids: user.groupIdpIds,
          content_hash: hashes[i],
        },
  );
  await db.execute(sql`
    insert into directory_staged_users (run_id, tenant_id, idp_id, unchanged, email, first_name, last_name, name, username,
      job_title, state, emails, custom_attributes, raw_attributes, group_idp_ids, content_hash)
    select ${target.runId}, ${target.tenantId}, x.idp_id, x.unchanged, x.email, x.first_name, x.last_name, x.name, x.username,
           x.job_title, x.state, x.emails, x.custom_attributes, x.raw_attributes, x.group_idp_ids, x.content_hash
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(idp_id text, unchanged boolean, email text, first_name text,
      last_name text, name text, username text, job_title text, state text, emails jsonb, custom_attributes jsonb,
      raw_attributes jsonb, group_idp_ids text[], content_hash text)
    on conflict (run_id, idp_id) do update set unchanged = excluded.unchanged, email = excluded.email,
      first_name = excluded.first_name, last_name = excluded.last_name, name = excluded.name, username = excluded.username,
      job_title = excluded.job_title, state = excluded.state, emails = excluded.emails,
      custom_attributes = excluded.custom_attributes, raw_attributes = excluded.raw_attributes,
      group_idp_ids = excluded.group_idp_ids, content_hash = excluded.content_hash`);
}
