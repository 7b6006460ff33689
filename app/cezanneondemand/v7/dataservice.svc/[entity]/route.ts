import { deleteEntity, entityNotAllowed, entityOptions, getEntity, patchEntity } from '@/lib/hr-api/resources';

export const dynamic = 'force-dynamic';

// One entity by key, e.g. People('P001'). A dynamic segment, because `(...)` in a folder name is a route group.
// The key is read from the raw request path (lib/hr-api/resources.ts), not from the decoded params.
export function GET(request: Request) {
  return getEntity(request);
}

export function PATCH(request: Request) {
  return patchEntity(request);
}

export function DELETE(request: Request) {
  return deleteEntity(request);
}

export { entityOptions as OPTIONS, entityNotAllowed as POST, entityNotAllowed as PUT };
