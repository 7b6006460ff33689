-- Hand-written SQL for Directory Sync (kept apart from the generated 0007 so the lead can renumber both).

-- A ULID (26 characters, Crockford base32, upper case) for set-based inserts of WorkOS-style ids
-- (directory_user_…, directory_group_…, event_…): 48 bits of milliseconds since the epoch, then 80 random bits.
-- Same format as the `ulid` npm package used for ids made in Node.
CREATE OR REPLACE FUNCTION roster_ulid_encode(t bigint, r1 bigint, r2 bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 45) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 40) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 35) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 30) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 25) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 20) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 15) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 10) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 5) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((t >> 0) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r1 >> 35) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r1 >> 30) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r1 >> 25) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r1 >> 20) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r1 >> 15) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r1 >> 10) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r1 >> 5) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r1 >> 0) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r2 >> 35) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r2 >> 30) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r2 >> 25) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r2 >> 20) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r2 >> 15) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r2 >> 10) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r2 >> 5) & 31)::int + 1, 1)
    || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r2 >> 0) & 31)::int + 1, 1)
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION roster_ulid(ts timestamptz) RETURNS text
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT roster_ulid_encode(floor(extract(epoch FROM ts) * 1000)::bigint,
                            floor(random() * 1099511627776)::bigint,
                            floor(random() * 1099511627776)::bigint)
$$;--> statement-breakpoint

-- WorkOS timestamps: ISO 8601 in UTC with milliseconds (2026-01-15T12:00:00.000Z).
CREATE OR REPLACE FUNCTION roster_iso(ts timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;--> statement-breakpoint

-- The keys of two objects whose values differ, each with its previous value (null when it was absent). A key that
-- is absent on one side and null on the other is no change (WorkOS: null <-> undefined emits nothing).
CREATE OR REPLACE FUNCTION roster_dsync_changed_keys(previous jsonb, current jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(jsonb_object_agg(k, coalesce(previous -> k, 'null'::jsonb)), '{}'::jsonb)
  FROM (SELECT jsonb_object_keys(coalesce(previous, '{}'::jsonb)) UNION SELECT jsonb_object_keys(coalesce(current, '{}'::jsonb))) AS keys(k)
  WHERE coalesce(previous -> k, 'null'::jsonb) IS DISTINCT FROM coalesce(current -> k, 'null'::jsonb)
$$;--> statement-breakpoint

-- `previous_attributes` of dsync.user.updated / dsync.group.updated: a shallow diff of the root properties, and of
-- the keys inside custom_attributes.
CREATE OR REPLACE FUNCTION roster_dsync_previous_attributes(previous jsonb, current jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(jsonb_object_agg(key, CASE WHEN key = 'custom_attributes'
                                             THEN roster_dsync_changed_keys(previous -> key, current -> key)
                                             ELSE value END), '{}'::jsonb)
  FROM jsonb_each(roster_dsync_changed_keys(previous, current))
$$;--> statement-breakpoint

-- Staged snapshots are rebuilt by the next run after a crash, so they skip the WAL.
ALTER TABLE "directory_staged_users" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "directory_staged_groups" SET UNLOGGED;
