import { redirect } from 'next/navigation';
import { getStaffSession } from '@/lib/auth/session';
import { startPathFor } from '@/lib/navigation';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const staff = await getStaffSession();
  redirect(staff ? startPathFor(staff.role) : '/login');
}
