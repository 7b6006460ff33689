import { notFound } from 'next/navigation';
import { NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';

/**
 * For pages showing one record by the id in their URL: `load(id)`, or Next's 404 page when the id is malformed or
 * the tenant has no such record (the lib function throws NotFoundError). Other errors go to the error page.
 */
export async function orNotFound<T>(id: string, load: (id: string) => Promise<T>): Promise<T> {
  if (!isUuid(id)) notFound();
  try {
    return await load(id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/** One value of a page's search parameter (the first when repeated), cut to `max` characters; absent → undefined. */
export function searchParam(value: string | string[] | undefined, max = 200): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.slice(0, max);
}
