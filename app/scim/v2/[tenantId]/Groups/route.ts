// SCIM 2.0 /Groups: the tenant's departments (read-only). Logic in lib/scim.
export {
  groupsGet as GET,
  groupWrite as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
} from '@/lib/scim/endpoints';
