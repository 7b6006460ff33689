// The search box moved to components/ui (the HR lists use it too).
export { ListSearch } from '@/components/ui/list-search';
