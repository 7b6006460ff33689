// SCIM 2.0 /Groups/{id}: read; writes answer that groups are managed in HR. Logic in lib/scim.
export {
  groupGet as GET,
  groupWrite as PUT,
  groupWrite as PATCH,
  groupWrite as DELETE,
  groupNotAllowed as POST,
  userOptions as OPTIONS,
} from '@/lib/scim/endpoints';
