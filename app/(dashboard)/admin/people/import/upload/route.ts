import { getStaffSession } from '@/lib/auth/session';
import { uploadResponse } from '@/lib/hr/import-upload';

/** POST /admin/people/import/upload: a CSV file for the people import (see lib/hr/import-upload.ts). */
export async function POST(request: Request) {
  return uploadResponse(request, await getStaffSession());
}
