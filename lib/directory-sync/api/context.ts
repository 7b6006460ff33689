import type { Database } from '@/db/client';

/** Who is asking: every read and write of the API is scoped to the API key's tenant. */
export type ApiContext = { db: Database; tenantId: string };
