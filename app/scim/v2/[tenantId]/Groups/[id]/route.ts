// SCIM 2.0 /Groups/{id}: read (GET only); writes are a 405 that says groups are managed in HR. Logic in lib/scim.
export {
  groupGet as GET,
  groupWrite as PUT,
  groupWrite as PATCH,
  groupWrite as DELETE,
  groupWrite as POST,
  readOnlyOptions as OPTIONS,
} from '@/lib/scim/endpoints';
