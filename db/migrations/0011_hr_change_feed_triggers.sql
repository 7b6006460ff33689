-- The HR API change feed (lib/hr-api/delta.ts): every insert, shown change and delete of a person or department
-- writes a row to hr_changes in the writing transaction, stamped with that transaction's id (column default).
-- A person's shown change is exactly a move of people.updated_at (migration 0003 moves it for the person, employments,
-- the user account, the department's code and the role's name), so logging people and departments covers them all.
-- Statement-level with transition tables, so a CSV import writes its rows in one INSERT per statement.
-- A key change (person code, department code) is a removal of the old key followed by the entity under its new key.
CREATE OR REPLACE FUNCTION roster_hr_changes_people_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO hr_changes (tenant_id, entity_set, entity_id, code, kind)
  SELECT n.tenant_id, 'People', n.id, n.person_code, 'changed' FROM new_rows n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION roster_hr_changes_people_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO hr_changes (tenant_id, entity_set, entity_id, code, kind, removed_reason)
  SELECT o.tenant_id, 'People', o.id, o.person_code, 'removed', 'changed'
  FROM old_rows o JOIN new_rows n ON n.id = o.id
  WHERE o.person_code IS DISTINCT FROM n.person_code;
  INSERT INTO hr_changes (tenant_id, entity_set, entity_id, code, kind)
  SELECT n.tenant_id, 'People', n.id, n.person_code, 'changed'
  FROM old_rows o JOIN new_rows n ON n.id = o.id
  WHERE o.updated_at IS DISTINCT FROM n.updated_at OR o.person_code IS DISTINCT FROM n.person_code;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A tenant's deletion cascades here: nobody is left to read its removals (and the rows would outlive it).
CREATE OR REPLACE FUNCTION roster_hr_changes_people_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO hr_changes (tenant_id, entity_set, entity_id, code, kind, removed_reason)
  SELECT o.tenant_id, 'People', o.id, o.person_code, 'removed', 'deleted'
  FROM old_rows o
  WHERE EXISTS (SELECT 1 FROM tenants t WHERE t.id = o.tenant_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER people_hr_changes_insert AFTER INSERT ON people
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION roster_hr_changes_people_insert();
--> statement-breakpoint
CREATE TRIGGER people_hr_changes_update AFTER UPDATE ON people
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION roster_hr_changes_people_update();
--> statement-breakpoint
CREATE TRIGGER people_hr_changes_delete AFTER DELETE ON people
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION roster_hr_changes_people_delete();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION roster_hr_changes_departments_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO hr_changes (tenant_id, entity_set, entity_id, code, kind)
  SELECT n.tenant_id, 'Departments', n.id, n.code, 'changed' FROM new_rows n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION roster_hr_changes_departments_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO hr_changes (tenant_id, entity_set, entity_id, code, kind, removed_reason)
  SELECT o.tenant_id, 'Departments', o.id, o.code, 'removed', 'changed'
  FROM old_rows o JOIN new_rows n ON n.id = o.id
  WHERE o.code IS DISTINCT FROM n.code;
  INSERT INTO hr_changes (tenant_id, entity_set, entity_id, code, kind)
  SELECT n.tenant_id, 'Departments', n.id, n.code, 'changed'
  FROM old_rows o JOIN new_rows n ON n.id = o.id
  WHERE o.updated_at IS DISTINCT FROM n.updated_at OR o.code IS DISTINCT FROM n.code;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A tenant's deletion cascades here: nobody is left to read its removals (and the rows would outlive it).
CREATE OR REPLACE FUNCTION roster_hr_changes_departments_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO hr_changes (tenant_id, entity_set, entity_id, code, kind, removed_reason)
  SELECT o.tenant_id, 'Departments', o.id, o.code, 'removed', 'deleted'
  FROM old_rows o
  WHERE EXISTS (SELECT 1 FROM tenants t WHERE t.id = o.tenant_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER departments_hr_changes_insert AFTER INSERT ON departments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION roster_hr_changes_departments_insert();
--> statement-breakpoint
CREATE TRIGGER departments_hr_changes_update AFTER UPDATE ON departments
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION roster_hr_changes_departments_update();
--> statement-breakpoint
CREATE TRIGGER departments_hr_changes_delete AFTER DELETE ON departments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION roster_hr_changes_departments_delete();
