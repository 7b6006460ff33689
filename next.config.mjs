/** @type {import('next').NextConfig} */
const nextConfig = {
  agentRules: false,
  poweredByHeader: false,
  serverExternalPackages: ['pg', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'bcryptjs'],
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: '25mb' },
  },
};
export default nextConfig;
