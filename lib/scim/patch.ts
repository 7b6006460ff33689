import type { Filter } from 'scim2-parse-filter';
import { ScimError } from './errors';
import { parseScimFilter } from './filter';
import { CORE_GROUP_SCHEMA, CORE_USER_SCHEMA, ENTERPRISE_USER_SCHEMA, ROSTER_USER_SCHEMA } from './schemas';

type Json = unknown;
type Obj = Record<string, Json>;
export type PatchOperation = { op: 'add' | 'replace' | 'remove'; path: string | null; value: Json };

const invalidSyntax = (detail: string) => new ScimError(400, detail, 'invalidSyntax');
const invalidPath = (detail: string) => new ScimError(400, detail, 'invalidPath');
const MAX_OPERATIONS = 100;

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a PatchOp body. Accepts what Okta and Entra really send: `op` in any case (Entra's "Replace"), a missing
 * `path` with a value object (Okta), extra keys on an operation; refuses anything else with `invalidSyntax`.
 */
export function readPatchOperations(body: Json): PatchOperation[] {
  if (!isObj(body)) throw invalidSyntax('The PATCH body must be a JSON object with "Operations".');
  const ops = body.Operations ?? body.operations;
  if (!Array.isArray(ops) || ops.length === 0)
    throw invalidSyntax('"Operations" must be a non-empty array of add, replace or remove operations.');
  if (ops.length > MAX_OPERATIONS)
    throw new ScimError(400, `At most ${MAX_OPERATIONS} operations per PATCH.`, 'tooMany');
  return ops.map((raw, i) => {
    if (!isObj(raw)) throw invalidSyntax(`Operation ${i + 1} is not an object.`);
    const op = typeof raw.op === 'string' ? raw.op.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      throw invalidSyntax(
        `Operation ${i + 1}: "op" must be "add", "replace" or "remove", not ${JSON.stringify(raw.op ?? null)}.`,
      );
    }
    const path = typeof raw.path === 'string' && raw.path.trim() ? raw.path.trim() : null;
    if (raw.path !== undefined && raw.path !== null && typeof raw.path !== 'string')
      throw invalidPath(`Operation ${i + 1}: "path" must be a string.`);
    if (op === 'remove' && !path) throw new ScimError(400, `Operation ${i + 1}: "remove" needs a "path".`, 'noTarget');
    if (op !== 'remove' && raw.value === undefined) throw invalidSyntax(`Operation ${i + 1}: "${op}" needs a "value".`);
    return { op, path, value: raw.value };
  });
}

export type PatchPath = { container: string | null; attr: string; filter: Filter | null; sub: string | null };

const EXTENSIONS = [ENTERPRISE_USER_SCHEMA, ROSTER_USER_SCHEMA];
const CORES = [CORE_USER_SCHEMA, CORE_GROUP_SCHEMA];
const NAME = /^[A-Za-z$][\w$-]*$/;

/** `attr`, `attr.sub`, `attr[filter]`, `attr[filter].sub`, each optionally prefixed by a schema URN. */
export function parsePatchPath(raw: string): PatchPath {
  let text = raw.trim();
  let container: string | null = null;
  const lower = text.toLowerCase();
  for (const urn of CORES) if (lower.startsWith(urn.toLowerCase() + ':')) text = text.slice(urn.length + 1);
  for (const urn of EXTENSIONS) {
    if (lower === urn.toLowerCase()) return { container: null, attr: urn, filter: null, sub: null };
    if (lower.startsWith(urn.toLowerCase() + ':')) {
      container = urn;
      text = text.slice(urn.length + 1);
    }
  }
  const open = text.indexOf('[');
  if (open >= 0) {
    const close = text.lastIndexOf(']');
    const attr = text.slice(0, open);
    const after = text.slice(close + 1);
    if (close < open || !NAME.test(attr) || (after && !/^\.[A-Za-z$][\w$-]*$/.test(after)))
      throw invalidPath(`The path ${JSON.stringify(raw)} is not valid.`);
    let filter: Filter;
    try {
      filter = parseScimFilter(text.slice(open + 1, close));
    } catch {
      throw invalidPath(`The value filter in ${JSON.stringify(raw)} is not valid.`);
    }
    return { container, attr, filter, sub: after ? after.slice(1) : null };
  }
  const [attr, sub, ...more] = text.split('.');
  if (!NAME.test(attr) || (sub !== undefined && !NAME.test(sub)) || more.length)
    throw invalidPath(`The path ${JSON.stringify(raw)} is not valid.`);
  return { container, attr, filter: null, sub: sub ?? null };
}

/** RFC 7643 §3.1, §4.1 and §4.3 User attributes plus Roster's extension, by container (lower case). */
const USER_ATTRIBUTES: Record<string, Set<string>> = {
  '': new Set(
    'schemas id externalid meta username name displayname nickname profileurl title usertype preferredlanguage locale timezone active password emails phonenumbers ims photos addresses groups entitlements roles x509certificates'.split(
      ' ',
    ),
  ),
  [ENTERPRISE_USER_SCHEMA.toLowerCase()]: new Set(
    'employeenumber costcenter organization division department manager'.split(' '),
  ),
  [ROSTER_USER_SCHEMA.toLowerCase()]: new Set(['role']),
};
/** Attributes a client can never set (RFC 7643: `id`, `meta` and a User's `groups` are readOnly). */
const USER_READ_ONLY = new Set(['id', 'meta', 'groups']);

/**
 * PATCH targets on a User: attributes of the User schemas are accepted (most are then ignored, as Okta and Entra
 * send names and other attributes Roster does not store); read-only ones are `mutability`, unknown ones `invalidPath`.
 */
export function checkUserPatchTarget(path: PatchPath) {
  const container = path.container?.toLowerCase() ?? '';
  const name = path.attr.toLowerCase();
  if (!path.container && USER_ATTRIBUTES[name]) return; // a whole extension object
  if (!path.container && USER_READ_ONLY.has(name))
    throw new ScimError(400, `"${path.attr}" is read-only.`, 'mutability');
  if (!USER_ATTRIBUTES[container]?.has(name)) {
    throw invalidPath(
      `"${path.container ? `${path.container}:` : ''}${path.attr}" is not an attribute of a SCIM User.`,
    );
  }
}

function keyIn(obj: Obj, name: string): string {
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower) ?? name;
}

function get(obj: Obj, name: string): Json {
  return obj[keyIn(obj, name)];
}

const norm = (v: Json) => (typeof v === 'string' ? v.toLowerCase() : v);

/** Evaluates a value filter on one element of a multi-valued attribute (string compares ignore case). */
export function matchesFilter(element: Json, f: Filter): boolean {
  if (!isObj(element)) return false;
  switch (f.op) {
    case 'and':
      return f.filters.every((x) => matchesFilter(element, x));
    case 'or':
      return f.filters.some((x) => matchesFilter(element, x));
    case 'not':
      return !matchesFilter(element, f.filter);
    case '[]':
      return false;
    case 'pr': {
      const v = get(element, f.attrPath);
      return v !== undefined && v !== null && v !== '';
    }
    default: {
      const actual = norm(get(element, f.attrPath));
      const expected = norm(f.compValue);
      if (actual === undefined || actual === null)
        return f.op === 'ne' ? expected !== null : expected === null && f.op === 'eq';
      switch (f.op) {
        case 'eq':
          return actual === expected || String(actual) === String(expected);
        case 'ne':
          return !(actual === expected || String(actual) === String(expected));
        case 'co':
          return String(actual).includes(String(expected));
        case 'sw':
          return String(actual).startsWith(String(expected));
        case 'ew':
          return String(actual).endsWith(String(expected));
        case 'gt':
          return String(actual) > String(expected);
        case 'ge':
          return String(actual) >= String(expected);
        case 'lt':
          return String(actual) < String(expected);
        case 'le':
          return String(actual) <= String(expected);
      }
      return false;
    }
  }
}

/** The element a `replace` on `emails[type eq "work"].value` creates when nothing matches: the filter's equalities. */
function elementFromFilter(f: Filter): Obj {
  if (f.op === 'eq') return { [f.attrPath]: f.compValue };
  if (f.op === 'and') return Object.assign({}, ...f.filters.map(elementFromFilter));
  return {};
}

/** The element a no-match filter may create: a work email (`emails[type eq "work"]`, any case). */
function createsWorkEmail(attr: string, element: Obj): boolean {
  const type = get(element, 'type');
  return attr.toLowerCase() === 'emails' && typeof type === 'string' && type.toLowerCase() === 'work';
}

function filterText(path: PatchPath): string {
  const f = path.filter;
  return f && 'attrPath' in f && 'compValue' in f ? `[${f.attrPath} ${f.op} ${JSON.stringify(f.compValue)}]` : '';
}

function merge(target: Json, value: Json): Json {
  if (isObj(target) && isObj(value)) {
    const out: Obj = { ...target };
    for (const [k, v] of Object.entries(value)) out[keyIn(out, k)] = v;
    return out;
  }
  return value;
}

const sameItem = (a: Json, b: Json) =>
  isObj(a) && isObj(b) && get(a, 'value') !== undefined
    ? norm(get(a, 'value')) === norm(get(b, 'value'))
    : JSON.stringify(a) === JSON.stringify(b);

function applyAt(parent: Obj, path: PatchPath, op: PatchOperation['op'], value: Json) {
  const holder = path.container ? ((parent[keyIn(parent, path.container)] ??= {}) as Obj) : parent;
  if (!isObj(holder)) throw invalidPath(`${path.container} is not an object.`);
  const key = keyIn(holder, path.attr);
  const current = holder[key];

  if (path.filter) {
    const list = Array.isArray(current) ? [...current] : [];
    const hits = list.map((e, i) => (matchesFilter(e, path.filter!) ? i : -1)).filter((i) => i >= 0);
    if (op === 'remove') {
      if (path.sub) for (const i of hits) if (isObj(list[i])) delete (list[i] as Obj)[keyIn(list[i] as Obj, path.sub)];
      holder[key] = path.sub ? list : list.filter((_, i) => !hits.includes(i));
      return;
    }
    if (hits.length === 0) {
      // Entra and Okta: setting emails[type eq "work"].value when there is no work email adds one (the one email
      // Roster keeps). Any other value filter that selects nothing is RFC 7644 §3.5.2's 400 noTarget: answering 200
      // would claim a change that was not made.
      const created = elementFromFilter(path.filter);
      if (!path.sub || !createsWorkEmail(path.attr, created))
        throw new ScimError(400, `No value of "${path.attr}" matches the filter ${filterText(path)}.`, 'noTarget');
      holder[key] = [...list, { ...created, [path.sub]: value }];
      return;
    }
    for (const i of hits)
      list[i] = path.sub ? { ...(list[i] as Obj), [keyIn(list[i] as Obj, path.sub)]: value } : merge(list[i], value);
    holder[key] = list;
    return;
  }

  if (path.sub) {
    if (Array.isArray(current)) {
      const list = current.length ? current : [{}];
      holder[key] = list.map((e) => {
        if (!isObj(e)) return e;
        const copy = { ...e };
        if (op === 'remove') delete copy[keyIn(copy, path.sub!)];
        else copy[keyIn(copy, path.sub!)] = value;
        return copy;
      });
      return;
    }
    const obj: Obj = isObj(current) ? { ...current } : {};
    if (op === 'remove') delete obj[keyIn(obj, path.sub)];
    else obj[keyIn(obj, path.sub)] = value;
    holder[key] = obj;
    return;
  }

  if (op === 'remove') {
    // Entra removes members as {"op":"Remove","path":"members","value":[{"value":id}]}: only those go.
    if (Array.isArray(current) && Array.isArray(value))
      holder[key] = current.filter((e) => !value.some((v) => sameItem(e, v)));
    else delete holder[key];
    return;
  }
  if (op === 'add' && (Array.isArray(current) || Array.isArray(value))) {
    const existing = Array.isArray(current) ? current : current === undefined || current === null ? [] : [current];
    const added = Array.isArray(value) ? value : [value];
    holder[key] = [...existing.filter((e) => !added.some((a) => sameItem(e, a))), ...added];
    return;
  }
  holder[key] = isObj(current) && isObj(value) ? merge(current, value) : value;
}

/**
 * Applies PATCH operations to a copy of a SCIM resource (RFC 7644 §3.5.2). Path-less add/replace take a value
 * object whose keys may be attribute names, dotted paths (`name.givenName`) or full URN paths
 * (`urn:…:enterprise:2.0:User:employeeNumber`), as Entra sends with `aadOptscim062020`. `replace` of a missing
 * attribute acts as `add`. The caller decides which changes count.
 */
export function applyPatch<T extends Obj>(
  resource: T,
  operations: PatchOperation[],
  checkTarget: (path: PatchPath) => void = () => {},
): T {
  const doc = structuredClone(resource) as Obj;
  const apply = (path: PatchPath, op: PatchOperation['op'], value: Json) => {
    checkTarget(path);
    applyAt(doc, path, op, value);
  };
  for (const operation of operations) {
    if (operation.path) {
      apply(parsePatchPath(operation.path), operation.op, operation.value);
      continue;
    }
    if (!isObj(operation.value)) throw invalidSyntax(`"${operation.op}" without a "path" needs an object "value".`);
    for (const [name, value] of Object.entries(operation.value)) {
      const ext = EXTENSIONS.find((urn) => urn.toLowerCase() === name.toLowerCase());
      if (ext && isObj(value)) {
        for (const [sub, v] of Object.entries(value))
          apply({ container: ext, attr: sub, filter: null, sub: null }, operation.op, v);
      } else {
        apply(parsePatchPath(name), operation.op, value);
      }
    }
  }
  return doc as T;
}
