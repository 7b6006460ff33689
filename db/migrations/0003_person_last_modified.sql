-- people.updated_at is the HR API's LastModified (OData `$filter=LastModified gt ...`, used for delta syncs).
-- It must move whenever anything the People entity shows changes, whichever code path made the change (UI, CSV
-- import, SCIM, HR API): the person row, an employment, the user account, the department's code or the account's
-- role name. Triggers guarantee that; clock_timestamp() (not now()) keeps the stamp close to the commit.

CREATE OR REPLACE FUNCTION roster_people_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := clock_timestamp();
  RETURN NEW;
END $$;
--> statement-breakpoint
-- Fires only when a shown column (or an explicit updated_at bump) changed, so a no-op UPDATE keeps the stamp.
CREATE TRIGGER people_touch_updated_at BEFORE UPDATE ON people FOR EACH ROW
  WHEN (
    OLD.updated_at IS DISTINCT FROM NEW.updated_at
    OR (OLD.person_code, OLD.given_name, OLD.family_name, OLD.preferred_given_name, OLD.internal_email,
        OLD.external_email, OLD.department_id, OLD.job_title, OLD.active_employee)
       IS DISTINCT FROM
       (NEW.person_code, NEW.given_name, NEW.family_name, NEW.preferred_given_name, NEW.internal_email,
        NEW.external_email, NEW.department_id, NEW.job_title, NEW.active_employee)
  )
  EXECUTE FUNCTION roster_people_touch();
--> statement-breakpoint
CREATE TRIGGER departments_touch_updated_at BEFORE UPDATE ON departments FOR EACH ROW
  WHEN ((OLD.code, OLD.name) IS DISTINCT FROM (NEW.code, NEW.name))
  EXECUTE FUNCTION roster_people_touch();
--> statement-breakpoint
-- Statement-level with transition tables, so bulk inserts (CSV import) bump each person once per statement.
CREATE OR REPLACE FUNCTION roster_people_touch_from_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE people SET updated_at = clock_timestamp() WHERE id IN (SELECT person_id FROM new_rows);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION roster_people_touch_from_old_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE people SET updated_at = clock_timestamp() WHERE id IN (SELECT person_id FROM old_rows);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION roster_people_touch_from_employment_updates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE people SET updated_at = clock_timestamp()
  WHERE id IN (
    SELECT unnest(ARRAY[n.person_id, o.person_id])
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.person_id, n.employment_id, n.start_date, n.end_date, n.is_primary)
          IS DISTINCT FROM (o.person_id, o.employment_id, o.start_date, o.end_date, o.is_primary)
  );
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION roster_people_touch_from_account_updates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE people SET updated_at = clock_timestamp()
  WHERE id IN (
    SELECT unnest(ARRAY[n.person_id, o.person_id])
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.person_id, n.user_name, n.role_id, n.active) IS DISTINCT FROM (o.person_id, o.user_name, o.role_id, o.active)
  );
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER employments_touch_people_insert AFTER INSERT ON employments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION roster_people_touch_from_new_rows();
--> statement-breakpoint
CREATE TRIGGER employments_touch_people_delete AFTER DELETE ON employments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION roster_people_touch_from_old_rows();
--> statement-breakpoint
CREATE TRIGGER employments_touch_people_update AFTER UPDATE ON employments
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION roster_people_touch_from_employment_updates();
--> statement-breakpoint
CREATE TRIGGER user_accounts_touch_people_insert AFTER INSERT ON user_accounts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION roster_people_touch_from_new_rows();
--> statement-breakpoint
CREATE TRIGGER user_accounts_touch_people_delete AFTER DELETE ON user_accounts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION roster_people_touch_from_old_rows();
--> statement-breakpoint
CREATE TRIGGER user_accounts_touch_people_update AFTER UPDATE ON user_accounts
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION roster_people_touch_from_account_updates();
--> statement-breakpoint
-- A department's code and an account's role name are shown on the person, so renaming them changes the person.
CREATE OR REPLACE FUNCTION roster_people_touch_from_department_updates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE people SET updated_at = clock_timestamp()
  WHERE department_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.code IS DISTINCT FROM o.code);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER departments_touch_people_update AFTER UPDATE ON departments
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION roster_people_touch_from_department_updates();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION roster_people_touch_from_role_updates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE people SET updated_at = clock_timestamp()
  WHERE id IN (
    SELECT a.person_id FROM user_accounts a
    WHERE a.role_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.original_name IS DISTINCT FROM o.original_name)
  );
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER roles_touch_people_update AFTER UPDATE ON roles
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION roster_people_touch_from_role_updates();
