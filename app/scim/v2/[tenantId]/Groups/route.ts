// SCIM 2.0 /Groups: the tenant's departments (read-only: GET only; writes are a 405 that says why). Logic in lib/scim.
export {
  groupsGet as GET,
  groupWrite as POST,
  groupWrite as PUT,
  groupWrite as PATCH,
  groupWrite as DELETE,
  readOnlyOptions as OPTIONS,
} from '@/lib/scim/endpoints';
