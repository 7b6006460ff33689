-- The WorkOS REST directory user (GET /directory_users, /directory_users/:id) stored as JSON text in
-- directory_user_api_json, kept current by statement triggers: the API's hot path reads one text per user instead of
-- building ~20 fields and the groups on every request. The shape is shared/reference/workos-directory-sync.md §2.6
-- (the groups as toDirectoryGroup in lib/directory-sync/api/mappers.ts): always `groups` (the user's live groups, by
-- id), timestamps ISO 8601 in milliseconds (roster_iso).

-- A JSON string, or null.
CREATE OR REPLACE FUNCTION roster_json_string(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(to_json(value)::text, 'null')
$$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION roster_directory_group_api_json(g directory_groups, organization_id text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT '{"object":"directory_group","id":' || roster_json_string(g.id)
    || ',"idp_id":' || roster_json_string(g.idp_id)
    || ',"directory_id":' || roster_json_string(g.directory_id)
    || ',"organization_id":' || roster_json_string(organization_id)
    || ',"name":' || roster_json_string(g.name)
    || ',"raw_attributes":' || g.raw_attributes::text
    || ',"created_at":"' || roster_iso(g.created_at) || '","updated_at":"' || roster_iso(g.updated_at) || '"}'
$$;--> statement-breakpoint

-- `groups_json`: the user's groups, each as roster_directory_group_api_json, joined with commas (null: none).
CREATE OR REPLACE FUNCTION roster_directory_user_api_json(u directory_users, organization_id text, groups_json text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT '{"object":"directory_user","id":' || roster_json_string(u.id)
    || ',"directory_id":' || roster_json_string(u.directory_id)
    || ',"organization_id":' || roster_json_string(organization_id)
    || ',"idp_id":' || roster_json_string(u.idp_id)
    || ',"email":' || roster_json_string(u.email)
    || ',"first_name":' || roster_json_string(u.first_name)
    || ',"last_name":' || roster_json_string(u.last_name)
    || ',"name":' || roster_json_string(u.name)
    || ',"emails":' || u.emails::text
    || ',"username":' || roster_json_string(u.username)
    || ',"job_title":' || roster_json_string(u.job_title)
    || ',"state":' || roster_json_string(u.state)
    || ',"custom_attributes":' || u.custom_attributes::text
    || ',"raw_attributes":' || u.raw_attributes::text
    || ',"groups":[' || coalesce(groups_json, '')
    || '],"created_at":"' || roster_iso(u.created_at) || '","updated_at":"' || roster_iso(u.updated_at) || '"}'
$$;--> statement-breakpoint

-- Writes the stored JSON of these users, set-based (one statement for a whole sync). EXECUTE plans it for the actual
-- ids (a generic plan would guess ten rows and may nest loops over a whole directory).
CREATE OR REPLACE FUNCTION roster_refresh_directory_user_api_json(user_ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE $sql$
    WITH target AS MATERIALIZED (SELECT DISTINCT id FROM unnest($1::text[]) AS ids(id)),
    member_groups AS (
      SELECT m.user_id, string_agg(roster_directory_group_api_json(g, gd.organization_id), ',' ORDER BY g.id) AS groups_json
      FROM target t
      JOIN directory_group_memberships m ON m.user_id = t.id
      JOIN directory_groups g ON g.id = m.group_id AND g.deleted_at IS NULL
      JOIN directories gd ON gd.id = g.directory_id
      GROUP BY m.user_id
    )
    INSERT INTO directory_user_api_json AS j (user_id, json)
    SELECT u.id, roster_directory_user_api_json(u, d.organization_id, mg.groups_json)
    FROM target t
    JOIN directory_users u ON u.id = t.id
    JOIN directories d ON d.id = u.directory_id
    LEFT JOIN member_groups mg ON mg.user_id = u.id
    ON CONFLICT (user_id) DO UPDATE SET json = excluded.json
  $sql$ USING user_ids;
END
$$;--> statement-breakpoint

-- Users inserted or changed.
CREATE OR REPLACE FUNCTION roster_directory_users_api_json_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE ids text[];
BEGIN
  SELECT array_agg(n.id) INTO ids FROM changed_users n;
  IF ids IS NOT NULL THEN PERFORM roster_refresh_directory_user_api_json(ids); END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint

CREATE TRIGGER directory_users_inserted_api_json AFTER INSERT ON directory_users
  REFERENCING NEW TABLE AS changed_users
  FOR EACH STATEMENT EXECUTE FUNCTION roster_directory_users_api_json_trigger();--> statement-breakpoint

CREATE TRIGGER directory_users_updated_api_json AFTER UPDATE ON directory_users
  REFERENCING NEW TABLE AS changed_users
  FOR EACH STATEMENT EXECUTE FUNCTION roster_directory_users_api_json_trigger();--> statement-breakpoint

-- A membership added or removed changes the user's `groups`.
CREATE OR REPLACE FUNCTION roster_directory_memberships_api_json_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE ids text[];
BEGIN
  SELECT array_agg(DISTINCT c.user_id) INTO ids FROM changed_memberships c;
  IF ids IS NOT NULL THEN PERFORM roster_refresh_directory_user_api_json(ids); END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint

CREATE TRIGGER directory_group_memberships_added_api_json AFTER INSERT ON directory_group_memberships
  REFERENCING NEW TABLE AS changed_memberships
  FOR EACH STATEMENT EXECUTE FUNCTION roster_directory_memberships_api_json_trigger();--> statement-breakpoint

CREATE TRIGGER directory_group_memberships_removed_api_json AFTER DELETE ON directory_group_memberships
  REFERENCING OLD TABLE AS changed_memberships
  FOR EACH STATEMENT EXECUTE FUNCTION roster_directory_memberships_api_json_trigger();--> statement-breakpoint

-- A group renamed, re-attributed or deleted changes every member's `groups`.
CREATE OR REPLACE FUNCTION roster_directory_groups_api_json_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE ids text[];
BEGIN
  SELECT array_agg(DISTINCT m.user_id) INTO ids
  FROM changed_groups g JOIN directory_group_memberships m ON m.group_id = g.id;
  IF ids IS NOT NULL THEN PERFORM roster_refresh_directory_user_api_json(ids); END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint

CREATE TRIGGER directory_groups_updated_api_json AFTER UPDATE ON directory_groups
  REFERENCING NEW TABLE AS changed_groups
  FOR EACH STATEMENT EXECUTE FUNCTION roster_directory_groups_api_json_trigger();--> statement-breakpoint


-- The same JSON computed on the spot (the API's fallback for a user without a stored one, which the triggers prevent).
CREATE OR REPLACE FUNCTION roster_directory_user_api_json_of(u directory_users) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT roster_directory_user_api_json(u, d.organization_id, (
    SELECT string_agg(roster_directory_group_api_json(g, d.organization_id), ',' ORDER BY g.id)
    FROM directory_group_memberships m JOIN directory_groups g ON g.id = m.group_id AND g.deleted_at IS NULL
    WHERE m.user_id = u.id))
  FROM directories d WHERE d.id = u.directory_id
$$;--> statement-breakpoint

-- The users that exist already.
SELECT roster_refresh_directory_user_api_json(array_agg(id)) FROM directory_users;
