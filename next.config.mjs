const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** HSTS only when the request came over HTTPS (the TLS-terminating proxy says so); browsers ignore it over HTTP. */
const overHttps = [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }];

const nextConfig = {
  agentRules: false,
  poweredByHeader: false,
  serverExternalPackages: [
    'pg',
    'pg-boss',
    '@electric-sql/pglite',
    '@electric-sql/pglite-socket',
    'bcryptjs',
    'rate-limiter-flexible',
  ],
  experimental: {
    authInterrupts: true,
    // Server actions carry forms, not files: a large body is refused before any action (or its auth check) runs.
    serverActions: { bodySizeLimit: '256kb' },
  },
  // Browsers that ask for /favicon.ico get the app icon (pages declare /icon.svg from app/icon.svg).
  async rewrites() {
    return [{ source: '/favicon.ico', destination: '/icon.svg' }];
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      {
        source: '/:path*',
        has: overHttps,
        headers: [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }],
      },
    ];
  },
};
export default nextConfig;
