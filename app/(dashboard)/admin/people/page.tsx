import { requirePageAccess } from '@/lib/auth/session';
import { AreaPlaceholder } from '@/components/shell/area-placeholder';

export const metadata = { title: 'People' };

export default async function Page() {
  await requirePageAccess('administration');
  return <AreaPlaceholder title="People" description="Person records: codes, names, emails, departments and employments." empty="No people yet" />;
}
