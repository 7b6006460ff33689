// SCIM 2.0 /Users/{id}: read, replace (PUT), patch, delete. Logic in lib/scim.
export {
  userGet as GET,
  userPut as PUT,
  userPatch as PATCH,
  userDelete as DELETE,
  userNotAllowed as POST,
  userOptions as OPTIONS,
} from '@/lib/scim/endpoints';
