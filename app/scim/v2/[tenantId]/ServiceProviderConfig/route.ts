export { serviceProviderConfigGet as GET } from '@/lib/scim/endpoints';
