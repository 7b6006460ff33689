export { resourceTypesGet as GET } from '@/lib/scim/endpoints';
