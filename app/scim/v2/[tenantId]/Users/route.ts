// SCIM 2.0 /Users: list with filter and paging, create. Logic in lib/scim.
export {
  usersGet as GET,
  usersPost as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
} from '@/lib/scim/endpoints';
