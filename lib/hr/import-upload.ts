import { getDb } from '@/db/client';
import type { StaffSession } from '@/lib/auth/session';
import { canUse } from '@/lib/auth/roles';
import { ForbiddenError, FormError } from '@/lib/errors';
import { BodyTooLargeError, readBodyText } from '@/lib/http-body';
import { MAX_IMPORT_BYTES } from './csv-format';
import { receiveUpload } from './csv-import';

/**
 * The CSV upload request (route POST /admin/people/import/upload): the file as the raw body (`Content-Type:
 * text/csv`, its name URI-encoded in `X-File-Name`), up to 25 MB, outside the server actions' body limit. Answers
 * 201 `{ id, checked, rowCount?, errorCount? }` (see `UploadOutcome`), or `{ error, fieldErrors? }` with 400, 401, 403, 413 or 415. `text/csv` is not a
 * CORS-safelisted type: another site cannot send this with the user's cookie without a preflight, which fails.
 */
export async function uploadResponse(request: Request, staff: StaffSession | null): Promise<Response> {
  if (!staff) return answer(401, 'Your session has ended. Sign in again.');
  if (!canUse(staff.role, 'administration')) return answer(403, new ForbiddenError().message);
  if (!request.headers.get('content-type')?.toLowerCase().startsWith('text/csv'))
    return answer(415, 'Send the file as text/csv.');
  let content: string;
  try {
    content = await readBodyText(request, MAX_IMPORT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return answer(413, 'Check the highlighted fields.', {
        file: 'The file is larger than 25 MB. Split it into smaller files.',
      });
    throw error;
  }
  try {
    const outcome = await receiveUpload(
      getDb(),
      staff.tenantId,
      { id: staff.id, email: staff.email },
      { name: fileName(request.headers.get('x-file-name')), content },
    );
    return Response.json(outcome, { status: 201 });
  } catch (error) {
    if (error instanceof FormError) return answer(400, error.message, error.fieldErrors);
    throw error;
  }
}

function fileName(header: string | null): string {
  try {
    return header ? decodeURIComponent(header) : 'people.csv';
  } catch {
    return 'people.csv';
  }
}

function answer(status: number, error: string, fieldErrors?: Record<string, string>) {
  return Response.json({ error, ...(fieldErrors && { fieldErrors }) }, { status });
}
