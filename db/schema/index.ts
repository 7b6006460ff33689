export * from './tenants';
export * from './auth';
export * from './audit';
export * from './hr';
export * from './scim';
export * from './hr-api';
export * from './directory-sync';
export * from './api-keys';
