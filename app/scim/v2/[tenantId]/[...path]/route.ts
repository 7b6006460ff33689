// Any other path under a tenant's SCIM base: a SCIM 404 (not Next's HTML page).
export {
  unknownEndpoint as GET,
  unknownEndpoint as POST,
  unknownEndpoint as PUT,
  unknownEndpoint as PATCH,
  unknownEndpoint as DELETE,
} from '@/lib/scim/endpoints';
