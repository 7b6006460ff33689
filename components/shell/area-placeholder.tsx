import { EmptyState, PageHeader } from '@/components/ui/layout';

/** An area whose features arrive in a later release: a real page with an honest empty state. */
export function AreaPlaceholder({ title, description, empty }: { title: string; description: string; empty: string }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <EmptyState title={empty} description="This area is being built. Nothing is configured here yet." />
    </>
  );
}
