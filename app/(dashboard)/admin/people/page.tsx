import Link from 'next/link';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { departmentOptions } from '@/lib/hr/departments';
import { listPeople, parsePeopleQuery } from '@/lib/hr/people-list';
import { buttonClass } from '@/components/ui/button-class';
import { EmptyState, PageHeader } from '@/components/ui/layout';
import { PeopleSearch } from '@/components/hr/people-search';
import { PeoplePagination, PeopleTable, peopleParams } from '@/components/hr/people-table';

export const metadata = { title: 'People' };

export default async function PeoplePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requirePageAccess('administration');
  const query = parsePeopleQuery(await searchParams);
  const db = getDb();
  const [page, departments] = await Promise.all([
    listPeople(db, staff.tenantId, query),
    departmentOptions(db, staff.tenantId),
  ]);
  const filtered = Boolean(query.q || query.status !== 'all' || query.departmentId);
  return (
    <>
      <PageHeader
        title="People"
        description="Person records: codes, names, emails, departments and employments. SCIM creates user accounts only for people listed here."
        actions={
          <>
            {page.total > 0 && (
              <a
                href={`/admin/people/export?${new URLSearchParams(peopleParams(query))}`}
                className={buttonClass('secondary')}
                download
              >
                Export CSV
              </a>
            )}
            <Link href="/admin/people/import" className={buttonClass('secondary')}>
              Import CSV
            </Link>
            <Link href="/admin/people/new" className={buttonClass('primary')}>
              New person
            </Link>
          </>
        }
      />
      {page.total === 0 && !filtered ? (
        <EmptyState
          title="Nobody on record yet"
          description="Add people one by one with New person, or import many at once from a CSV file."
          action={
            <Link href="/admin/people/import" className={buttonClass('secondary')}>
              Import CSV
            </Link>
          }
        />
      ) : (
        <>
          <PeopleSearch departments={departments} />
          {page.rows.length === 0 ? (
            <EmptyState
              title="No matches"
              description={
                query.q
                  ? `Nobody matches “${query.q}”. Try part of a name, a person code or an email.`
                  : 'Nobody matches these filters.'
              }
            />
          ) : (
            <>
              <PeopleTable page={page} />
              <PeoplePagination page={page} />
            </>
          )}
        </>
      )}
    </>
  );
}
