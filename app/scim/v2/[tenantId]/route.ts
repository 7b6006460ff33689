// The SCIM base URL itself names no resource: a SCIM error (401 without a valid token, else 404), not Next's HTML page.
export {
  unknownEndpoint as GET,
  unknownEndpoint as POST,
  unknownEndpoint as PUT,
  unknownEndpoint as PATCH,
  unknownEndpoint as DELETE,
} from '@/lib/scim/endpoints';
