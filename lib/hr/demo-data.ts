import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, count, eq, sql } from 'drizzle-orm';
import { departments, identityProviders, people, roles, tenants, userAccounts } from '@/db/schema';
import type { Executor } from '@/db/client';
import { parseCertificate } from './certificate';
import { todayIso } from './people';
import { BASE_ROLES, createTenant, seedTenantDefaults } from '@/lib/tenants/bootstrap';

/** Realistic demo data: deterministic, so running it twice adds nothing the first run made. */

export const DEMO_DEPARTMENTS = [
  {
    code: 'ENG',
    name: 'Engineering',
    titles: [
      'Software Engineer',
      'Senior Software Engineer',
      'Engineering Manager',
      'QA Analyst',
      'Site Reliability Engineer',
    ],
  },
  {
    code: 'SALES',
    name: 'Sales',
    titles: ['Account Executive', 'Sales Development Representative', 'Sales Manager', 'Key Account Manager'],
  },
  {
    code: 'MKT',
    name: 'Marketing',
    titles: ['Marketing Manager', 'Content Writer', 'Product Marketing Manager', 'Designer'],
  },
  {
    code: 'FIN',
    name: 'Finance',
    titles: ['Accountant', 'Financial Analyst', 'Payroll Specialist', 'Finance Director'],
  },
  {
    code: 'HR',
    name: 'Human Resources',
    titles: ['HR Advisor', 'HR Business Partner', 'Recruiter', 'Learning Coordinator'],
  },
  {
    code: 'OPS',
    name: 'Operations',
    titles: ['Operations Coordinator', 'Facilities Manager', 'Office Manager', 'Logistics Planner'],
  },
  {
    code: 'CS',
    name: 'Customer Success',
    titles: ['Customer Success Manager', 'Support Engineer', 'Onboarding Specialist'],
  },
  { code: 'LEGAL', name: 'Legal', titles: ['Legal Counsel', 'Paralegal', 'Compliance Officer'] },
] as const;

const GIVEN = [
  'Amelia',
  'Oliver',
  'Isla',
  'George',
  'Ava',
  'Harry',
  'Mia',
  'Noah',
  'Sophia',
  'Leo',
  'Grace',
  'Arthur',
  'Freya',
  'Oscar',
  'Lily',
  'Jacob',
  'Emily',
  'Charlie',
  'Ella',
  'Thomas',
  'Chloe',
  'James',
  'Ruby',
  'William',
  'Evie',
  'Henry',
  'Poppy',
  'Samuel',
  'Alice',
  'Joseph',
  'Florence',
  'Daniel',
  'Zara',
  'Mohammed',
  'Aisha',
  'Lucas',
  'Hannah',
  'Ethan',
  'Priya',
  'Arjun',
  'Chen',
  'Wei',
  'Yuki',
  'Mateo',
  'Lucia',
  'Pierre',
  'Camille',
  'Lukas',
  'Anna',
  'Sven',
  'Ingrid',
  'Tomasz',
  'Zofia',
  'Kwame',
  'Amara',
  'Niamh',
  'Cian',
  'Rhys',
  'Seren',
  'Fatima',
];
const FAMILY = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Thomas',
  'Clarke',
  'Jackson',
  'Wood',
  'Harris',
  'Edwards',
  'Turner',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Hughes',
  'Moore',
  'Clark',
  'King',
  'Harrison',
  'Lewis',
  'Baker',
  'Lee',
  'Allen',
  'Morris',
  'Khan',
  'Scott',
  'Watson',
  'Davis',
  'Parker',
  'James',
  'Bennett',
  'Young',
  'Phillips',
  'Richardson',
  'Mitchell',
  'Bailey',
  'Carter',
  'Cook',
  'Singh',
  'Shaw',
  'Bell',
  'Collins',
  'Morgan',
  'Kelly',
  'Begum',
  'Miller',
  'Cox',
  'Hussain',
  'Marshall',
  'Simpson',
  'Price',
  'Anderson',
  'Adams',
  'Wilkinson',
  'Ali',
  'Ahmed',
  'Foster',
  'Ellis',
  'Murphy',
  'Chapman',
  'Mason',
  'Gray',
  'Richards',
  'Webb',
  'Griffiths',
  'Hunt',
  'Palmer',
  'Campbell',
  'Holmes',
  'Mills',
  'Rogers',
  'Barnes',
  'Knight',
  'Matthews',
  'Barker',
  'Nguyen',
  'Kowalski',
  'Müller',
  'Dubois',
  'García',
  'Rossi',
  "O'Brien",
  'Okafor',
  'Tanaka',
  'Andersson',
];
const PREFERRED: Record<string, string> = {
  William: 'Will',
  Thomas: 'Tom',
  Samuel: 'Sam',
  Joseph: 'Joe',
  Daniel: 'Dan',
  Florence: 'Flo',
  Charlie: 'Charlie',
  James: 'Jim',
};

export const DEMO_CUSTOM_ROLE = {
  originalName: 'Team Lead',
  translations: { fr: "Chef d'équipe", de: 'Teamleiter', es: 'Jefe de equipo', nl: 'Teamleider', it: 'Capo squadra' },
};
const BASE_ROLE_TRANSLATIONS: Record<(typeof BASE_ROLES)[number], Record<string, string>> = {
  Employee: { fr: 'Salarié', de: 'Mitarbeiter', es: 'Empleado', nl: 'Medewerker', it: 'Dipendente' },
  Manager: { fr: 'Responsable', de: 'Vorgesetzter', es: 'Responsable', nl: 'Leidinggevende', it: 'Responsabile' },
  'HR Professional': {
    fr: 'Professionnel RH',
    de: 'Personalreferent',
    es: 'Profesional de RR. HH.',
    nl: 'HR-professional',
    it: 'Professionista HR',
  },
  Administrator: {
    fr: 'Administrateur',
    de: 'Administrator',
    es: 'Administrador',
    nl: 'Beheerder',
    it: 'Amministratore',
  },
};

/** A small deterministic PRNG (mulberry32): person n always gets the same name, department and dates. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], r: number): T {
  return items[Math.floor(r * items.length)];
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();

export function emailDomain(tenantName: string): string {
  return `${slug(tenantName) || 'company'}.example`;
}

export type DemoPerson = {
  personCode: string;
  givenName: string;
  familyName: string;
  preferredGivenName: string | null;
  internalEmail: string;
  externalEmail: string | null;
  departmentCode: string;
  jobTitle: string;
  activeEmployee: boolean;
  employments: { employmentId: string; startDate: string; endDate: string | null; isPrimary: boolean }[];
};

/** Generates people 1..count; the email set keeps internal emails unique (given.family, then given.family2...). */
export function* generatePeople(count: number, tenantName: string, today = todayIso()): Generator<DemoPerson> {
  const domain = emailDomain(tenantName);
  const used = new Map<string, number>();
  for (let n = 1; n <= count; n++) {
    const r = random(n * 7919);
    const givenName = pick(GIVEN, r());
    const familyName = pick(FAMILY, r());
    const base = `${slug(givenName)}.${slug(familyName)}`;
    const seen = (used.get(base) ?? 0) + 1;
    used.set(base, seen);
    const department = DEMO_DEPARTMENTS[n % DEMO_DEPARTMENTS.length];
    const code = `P${String(n).padStart(6, '0')}`;
    const startDate = addDays(today, -Math.floor(30 + r() * 3650));
    const fate = r();
    const leaver = fate < 0.08;
    const leaving = !leaver && fate < 0.1;
    const endDate = leaver
      ? addDays(today, -Math.floor(1 + r() * 300))
      : leaving
        ? addDays(today, Math.floor(10 + r() * 120))
        : null;
    const employments: DemoPerson['employments'] = [];
    if (r() < 0.05) {
      const earlierStart = addDays(startDate, -Math.floor(400 + r() * 1500));
      employments.push({
        employmentId: `E${String(n).padStart(6, '0')}-0`,
        startDate: earlierStart,
        endDate: addDays(startDate, -1),
        isPrimary: false,
      });
    }
    employments.push({
      employmentId: `E${String(n).padStart(6, '0')}`,
      startDate,
      endDate: endDate && endDate < startDate ? startDate : endDate,
      isPrimary: true,
    });
    yield {
      personCode: code,
      givenName,
      familyName,
      preferredGivenName: PREFERRED[givenName] && r() < 0.5 ? PREFERRED[givenName] : null,
      internalEmail: `${base}${seen > 1 ? seen : ''}@${domain}`,
      externalEmail: r() < 0.6 ? `${slug(givenName)}${slug(familyName)}${n}@mail.example` : null,
      departmentCode: department.code,
      jobTitle: pick(department.titles, r()),
      activeEmployee: !leaver,
      employments,
    };
  }
}

async function ensureDepartments(db: Executor, tenantId: string): Promise<Map<string, string>> {
  await db
    .insert(departments)
    .values(DEMO_DEPARTMENTS.map((d) => ({ tenantId, code: d.code, name: d.name })))
    .onConflictDoNothing();
  const rows = await db
    .select({ id: departments.id, code: departments.code, name: departments.name })
    .from(departments)
    .where(eq(departments.tenantId, tenantId));
  const ids = new Map<string, string>();
  for (const demo of DEMO_DEPARTMENTS) {
    const row =
      rows.find((r) => r.code.toLowerCase() === demo.code.toLowerCase()) ??
      rows.find((r) => r.name.toLowerCase() === demo.name.toLowerCase());
    if (row) ids.set(demo.code, row.id);
  }
  return ids;
}

async function ensureRoles(db: Executor, tenantId: string) {
  await seedTenantDefaults(db, tenantId);
  for (const [name, translations] of Object.entries(BASE_ROLE_TRANSLATIONS)) {
    await db
      .update(roles)
      .set({ translations })
      .where(and(eq(roles.tenantId, tenantId), eq(roles.originalName, name), sql`${roles.translations} = '{}'::jsonb`));
  }
  await db
    .insert(roles)
    .values({ tenantId, ...DEMO_CUSTOM_ROLE, isBase: false })
    .onConflictDoNothing();
}

export function demoCertificatePem(): string {
  return readFileSync(path.resolve(process.cwd(), 'lib/hr/demo-idp-certificate.pem'), 'utf8');
}

async function ensureIdentityProvider(db: Executor, tenantId: string, tenantName: string) {
  const certificate = parseCertificate(demoCertificatePem());
  const org = slug(tenantName) || 'company';
  await db
    .insert(identityProviders)
    .values({
      tenantId,
      name: 'Okta',
      entityId: `http://www.okta.com/exk${org.slice(0, 8)}demo`,
      ssoUrl: `https://${org}.okta.com/app/cezanne/exk${org.slice(0, 8)}demo/sso/saml`,
      certificatePem: certificate.pem,
      certificateExpiresAt: certificate.expiresAt,
    })
    .onConflictDoNothing();
  const [idp] = await db
    .select({ id: identityProviders.id })
    .from(identityProviders)
    .where(and(eq(identityProviders.tenantId, tenantId), sql`lower(${identityProviders.name}) = 'okta'`));
  return idp.id;
}

const PEOPLE_BATCH = 5000;

/** Inserts a batch of generated people and their employments with one statement each (unnest of arrays). */
async function insertPeopleBatch(
  db: Executor,
  tenantId: string,
  batch: DemoPerson[],
  departmentIds: Map<string, string>,
) {
  const column = <K extends keyof DemoPerson>(key: K) => sql.param(batch.map((p) => p[key]));
  // Raw SQL for speed (one unnest statement per 5,000 people); demo-data.test.ts checks what it stores.
  const inserted = await db.execute<{ id: string; person_code: string }>(sql`
    insert into people (tenant_id, person_code, given_name, family_name, preferred_given_name, internal_email, external_email,
                        department_id, job_title, active_employee)
    select ${tenantId}::uuid, x.* from unnest(
      ${column('personCode')}::text[], ${column('givenName')}::text[], ${column('familyName')}::text[],
      ${column('preferredGivenName')}::text[], ${column('internalEmail')}::text[], ${column('externalEmail')}::text[],
      ${sql.param(batch.map((p) => departmentIds.get(p.departmentCode) ?? null))}::uuid[], ${column('jobTitle')}::text[],
      ${column('activeEmployee')}::boolean[]) as x
    on conflict do nothing
    returning id, person_code`);
  const ids = new Map(inserted.rows.map((r) => [r.person_code, r.id]));
  const employments = batch.flatMap((p) =>
    ids.has(p.personCode) ? p.employments.map((e) => ({ ...e, personId: ids.get(p.personCode)! })) : [],
  );
  if (employments.length) {
    const col = <K extends keyof (typeof employments)[number]>(key: K) => sql.param(employments.map((e) => e[key]));
    await db.execute(sql`
      insert into employments (tenant_id, person_id, employment_id, start_date, end_date, is_primary)
      select ${tenantId}::uuid, x.* from unnest(${col('personId')}::uuid[], ${col('employmentId')}::text[], ${col('startDate')}::date[],
                                                 ${col('endDate')}::date[], ${col('isPrimary')}::boolean[]) as x
      on conflict do nothing`);
  }
  return ids;
}

/** User accounts (as SCIM would create them) with SAML mappings, for the first active people. */
async function ensureUserAccounts(db: Executor, tenantId: string, idpId: string, wanted: number) {
  const [{ n }] = await db.select({ n: count() }).from(userAccounts).where(eq(userAccounts.tenantId, tenantId));
  const missing = Math.max(0, wanted - n);
  await db.execute(sql`
    with chosen as (
      select p.id, p.internal_email, row_number() over (order by p.person_code) as n
      from people p
      where p.tenant_id = ${tenantId} and p.active_employee and p.internal_email is not null
        and p.person_code like 'P%' and not exists (select 1 from user_accounts a where a.person_id = p.id)
      order by p.person_code limit ${missing}
    ), roles_by_name as (
      select id, original_name from roles where tenant_id = ${tenantId}
    )
    insert into user_accounts (tenant_id, person_id, user_name, external_id, email, role_id, active)
    select ${tenantId}::uuid, c.id, c.internal_email, '00u' || substr(md5(c.id::text), 1, 17), c.internal_email,
           (select id from roles_by_name where original_name = case when c.n % 10 = 0 then 'Manager' when c.n % 15 = 0 then 'Team Lead' else 'Employee' end),
           c.n % 12 <> 0
    from chosen c
    on conflict do nothing`);
  await db.execute(sql`
    insert into saml_mappings (tenant_id, user_account_id, identity_provider_id, user_identifier)
    select a.tenant_id, a.id, ${idpId}::uuid, a.user_name from user_accounts a
    where a.tenant_id = ${tenantId}
    on conflict do nothing`);
}

export type DemoSeedResult = { tenantId: string; tenantName: string; peopleInserted: number; totalPeople: number };

/**
 * Fills a tenant with demo data: 8 departments, `people` people (codes P000001…) with employments, translated
 * roles plus a custom role, an Okta identity provider and a few user accounts with SAML mappings.
 */
export async function seedDemoData(
  db: Executor,
  tenant: { id: string; name: string },
  options: { people?: number; accounts?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<DemoSeedResult> {
  const total = options.people ?? 300;
  const departmentIds = await ensureDepartments(db, tenant.id);
  await ensureRoles(db, tenant.id);
  const idpId = await ensureIdentityProvider(db, tenant.id, tenant.name);
  let inserted = 0;
  let batch: DemoPerson[] = [];
  let done = 0;
  for (const person of generatePeople(total, tenant.name)) {
    batch.push(person);
    if (batch.length === PEOPLE_BATCH) {
      inserted += (await insertPeopleBatch(db, tenant.id, batch, departmentIds)).size;
      done += batch.length;
      options.onProgress?.(done, total);
      batch = [];
    }
  }
  if (batch.length) {
    inserted += (await insertPeopleBatch(db, tenant.id, batch, departmentIds)).size;
    options.onProgress?.(total, total);
  }
  await ensureUserAccounts(db, tenant.id, idpId, options.accounts ?? 40);
  const [{ n }] = await db.select({ n: count() }).from(people).where(eq(people.tenantId, tenant.id));
  return { tenantId: tenant.id, tenantName: tenant.name, peopleInserted: inserted, totalPeople: n };
}

/** The tenant to fill: the one named (created when missing), else the first one. */
export async function resolveDemoTenant(db: Executor, name?: string): Promise<{ id: string; name: string } | null> {
  if (name) {
    const [found] = await db.select().from(tenants).where(eq(tenants.name, name)).limit(1);
    if (found) return found;
    return createTenant(db, name);
  }
  const [first] = await db.select().from(tenants).orderBy(tenants.createdAt).limit(1);
  return first ?? null;
}
