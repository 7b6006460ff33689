import { getPeople, peopleNotAllowed, peopleOptions, postPeople } from '@/lib/hr-api/resources';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return getPeople(request);
}

export function POST(request: Request) {
  return postPeople(request);
}

export { peopleOptions as OPTIONS, peopleNotAllowed as PUT, peopleNotAllowed as PATCH, peopleNotAllowed as DELETE };
