import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';

export const dynamic = 'force-dynamic';

/** Health check: the app answers and the database is reachable. */
export async function GET() {
  await getDb().execute(sql`select 1`);
  return Response.json({ ok: true });
}
