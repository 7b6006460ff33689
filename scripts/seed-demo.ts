// `npm run seed:demo [-- --people N] [-- --tenant "Company name"] [-- --accounts N]`
// Fills the first tenant (or the named one, created when missing) with demo data. Safe to run again: it only adds
// what is missing. With the embedded database, stop `npm start` first (PGlite allows one process).
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { closeDb, getBatchDb as getDb } from '@/db/client';
import { resolveDemoTenant, seedDemoData } from '@/lib/hr/demo-data';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '300' },
    tenant: { type: 'string' },
    accounts: { type: 'string', default: '40' },
  },
});

const people = Number(values.people);
const accounts = Number(values.accounts);
if (!Number.isInteger(people) || people < 1 || people > 1_000_000) {
  console.error('--people must be a whole number between 1 and 1000000');
  process.exit(1);
}

async function main() {
  const db = getDb();
  try {
    const tenant = await resolveDemoTenant(db, values.tenant);
    if (!tenant) {
      console.error(
        'No company yet. Start Roster (npm start), create the owner account at /login, then run npm run seed:demo again.',
      );
      console.error('Or name one to create: npm run seed:demo -- --tenant "Demo Company"');
      process.exitCode = 1;
    } else {
      const started = performance.now();
      console.log(`Filling "${tenant.name}" with ${people.toLocaleString('en')} people…`);
      const result = await seedDemoData(db, tenant, {
        people,
        accounts,
        onProgress: (done, total) => {
          if (total >= 20_000) console.log(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
        },
      });
      await db.execute(sql`analyze people`);
      await db.execute(sql`analyze employments`);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `Done in ${seconds} s: ${result.peopleInserted.toLocaleString('en')} people added, ${result.totalPeople.toLocaleString('en')} in "${result.tenantName}" ` +
          '(8 departments, roles with translations incl. the custom role "Team Lead", the Okta identity provider, user accounts with SAML mappings).',
      );
    }
  } finally {
    await closeDb();
  }
}

void main();
