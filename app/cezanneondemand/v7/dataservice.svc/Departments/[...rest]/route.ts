// `Departments/$count`; deeper paths name no resource (navigation properties are not offered): an OData 404, not HTML.
import { getCollectionSegment } from '@/lib/hr-api/resources';

export {
  unknownResource as POST,
  unknownResource as PUT,
  unknownResource as PATCH,
  unknownResource as DELETE,
} from '@/lib/hr-api/resources';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return getCollectionSegment(request, 'Departments');
}
