// SCIM discovery (read-only): other verbs get a SCIM 405 with Allow: GET. Logic in lib/scim.
export {
  resourceTypesGet as GET,
  readOnlyNotAllowed as POST,
  readOnlyNotAllowed as PUT,
  readOnlyNotAllowed as PATCH,
  readOnlyNotAllowed as DELETE,
  readOnlyOptions as OPTIONS,
} from '@/lib/scim/endpoints';
