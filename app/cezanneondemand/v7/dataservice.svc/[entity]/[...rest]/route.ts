// Deeper paths name no resource (navigation properties are not offered): an OData 404 rather than Next's HTML page.
export {
  unknownResource as GET,
  unknownResource as POST,
  unknownResource as PUT,
  unknownResource as PATCH,
  unknownResource as DELETE,
} from '@/lib/hr-api/resources';

export const dynamic = 'force-dynamic';
