export { schemasGet as GET } from '@/lib/scim/endpoints';
