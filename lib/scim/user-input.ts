import { hasNoControlCharacters } from '@/lib/hr/schemas';
import { ScimError } from './errors';
import { ENTERPRISE_USER_SCHEMA, ROSTER_USER_SCHEMA } from './schemas';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalidValue = (detail: string) => new ScimError(400, detail, 'invalidValue');

/** Case-insensitive attribute lookup (SCIM attribute names are case-insensitive). */
export function attr(obj: Obj, name: string): unknown {
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key];
  return undefined;
}

/** What Roster reads from a SCIM User body; `undefined` means "not sent". */
export type UserInput = {
  userName: string | undefined;
  externalId: string | null | undefined;
  email: string | null | undefined;
  /** Role candidates in priority order: Roster's extension `role`, then `roles[]` (primary first). */
  roleCandidates: (string | null)[] | undefined;
  active: boolean | undefined;
  employeeNumber: string | undefined;
};

/** Entra sends booleans as "True"/"False" strings; accept exactly those besides real booleans. */
export function readBoolean(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw invalidValue(`"${name}" must be true or false, not ${JSON.stringify(value)}.`);
}

function readString(value: unknown, name: string, max = 255): string {
  if (typeof value !== 'string') throw invalidValue(`"${name}" must be a string.`);
  const trimmed = value.trim();
  if (!trimmed) throw invalidValue(`"${name}" must not be empty.`);
  if (trimmed.length > max) throw invalidValue(`"${name}" is longer than ${max} characters.`);
  if (!hasNoControlCharacters(trimmed))
    throw invalidValue(`"${name}" must not contain control characters or broken Unicode.`);
  return trimmed;
}

/** A multi-valued complex attribute (emails, roles): a list of objects, or one object; `value` a string if sent. */
function readComplexList(raw: unknown, name: string): Obj[] {
  const list = Array.isArray(raw) ? raw : [raw];
  for (const element of list) {
    if (!isObj(element))
      throw invalidValue(
        `"${name}" must be a list of objects such as {"value": "…"}, not ${JSON.stringify(element)?.slice(0, 100)}.`,
      );
    const value = attr(element, 'value');
    if (value !== undefined && value !== null && typeof value !== 'string')
      throw invalidValue(`"${name}.value" must be a string.`);
  }
  return list as Obj[];
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The account email: the primary one, else the "work" one, else the first; an empty list clears it. */
function readEmail(emails: unknown): string | null | undefined {
  if (emails === undefined) return undefined;
  if (emails === null) return null;
  const values = readComplexList(emails, 'emails').filter(
    (e) => typeof attr(e, 'value') === 'string' && String(attr(e, 'value')).trim(),
  );
  if (values.length === 0) return null;
  const chosen =
    values.find((e) => attr(e, 'primary') === true || String(attr(e, 'primary')).toLowerCase() === 'true') ??
    values.find((e) => String(attr(e, 'type') ?? '').toLowerCase() === 'work') ??
    values[0];
  const email = readString(attr(chosen, 'value'), 'emails.value', 320);
  if (!EMAIL.test(email)) throw invalidValue(`${JSON.stringify(email)} is not an email address.`);
  return email;
}

function readRoles(body: Obj): (string | null)[] | undefined {
  const ext = attr(body, ROSTER_USER_SCHEMA);
  const fromExt = isObj(ext) ? attr(ext, 'role') : undefined;
  const roles = attr(body, 'roles');
  const candidates: (string | null)[] = [];
  let sent = false;
  if (fromExt !== undefined) {
    sent = true;
    candidates.push(fromExt === null || fromExt === '' ? null : readString(fromExt, `${ROSTER_USER_SCHEMA}:role`));
  }
  if (roles !== undefined) {
    sent = true;
    const list = roles === null ? [] : readComplexList(roles, 'roles');
    const ordered = [
      ...list.filter((r) => attr(r, 'primary') === true),
      ...list.filter((r) => attr(r, 'primary') !== true),
    ];
    const first = ordered.find((r) => typeof attr(r, 'value') === 'string' && String(attr(r, 'value')).trim());
    candidates.push(first ? readString(attr(first, 'value'), 'roles.value') : null);
  }
  return sent ? candidates : undefined;
}

/**
 * Reads the attributes Roster acts on from a POST/PUT body or a patched resource. Everything else (names,
 * displayName, `id`, `meta`, `groups`, `password`, unknown attributes) is accepted and ignored.
 */
export function readUserInput(body: unknown): UserInput {
  if (!isObj(body)) throw new ScimError(400, 'The body must be a JSON object (a SCIM User).', 'invalidSyntax');
  const userName = attr(body, 'userName');
  const externalId = attr(body, 'externalId');
  const active = attr(body, 'active');
  const enterprise = attr(body, ENTERPRISE_USER_SCHEMA);
  const employeeNumber = isObj(enterprise) ? attr(enterprise, 'employeeNumber') : undefined;
  return {
    userName: userName === undefined || userName === null ? undefined : readString(userName, 'userName'),
    externalId:
      externalId === undefined
        ? undefined
        : externalId === null || externalId === ''
          ? null
          : readString(externalId, 'externalId'),
    email: readEmail(attr(body, 'emails')),
    roleCandidates: readRoles(body),
    active: active === undefined || active === null ? undefined : readBoolean(active, 'active'),
    employeeNumber:
      employeeNumber === undefined || employeeNumber === null || employeeNumber === ''
        ? undefined
        : readString(
            typeof employeeNumber === 'number' ? String(employeeNumber) : employeeNumber,
            `${ENTERPRISE_USER_SCHEMA}:employeeNumber`,
          ),
  };
}

/**
 * The role to store. Okta's PUT re-sends our previous response, so the extension `role` and `roles[]` can disagree
 * when the client changed only one of them: a named role that differs from the current one is the change; the role
 * is cleared only when every place that was sent is empty.
 */
export function chooseRole(candidates: (string | null)[], current: string | null): string | null {
  const changed = candidates.find((c) => c !== null && c !== current);
  if (changed) return changed;
  return candidates.every((c) => c === null) ? null : current;
}
