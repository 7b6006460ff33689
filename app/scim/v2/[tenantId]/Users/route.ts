// SCIM 2.0 /Users: list with filter and paging, create. Logic in lib/scim.
export {
  usersGet as GET,
  usersPost as POST,
  usersNotAllowed as PUT,
  usersNotAllowed as PATCH,
  usersNotAllowed as DELETE,
  usersOptions as OPTIONS,
} from '@/lib/scim/endpoints';
