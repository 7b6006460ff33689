// SCIM 2.0 /Groups: the tenant's departments (read-only). Logic in lib/scim.
export {
  groupsGet as GET,
  groupWrite as POST,
  groupsNotAllowed as PUT,
  groupsNotAllowed as PATCH,
  groupsNotAllowed as DELETE,
  usersOptions as OPTIONS,
} from '@/lib/scim/endpoints';
