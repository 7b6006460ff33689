import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

/** e2e runs against `next start` on the embedded default database, in a fresh data directory. */
export default defineConfig({
  testDir: './e2e',
  workers: 1,
  fullyParallel: false,
  // No retries anywhere: a test that needs one is a flake to fix at its root, and it shows as a failure.
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `node scripts/with-db.mjs serve -p ${PORT} -H 127.0.0.1`,
    url: `${baseURL}/api/ping`,
    timeout: 180_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      DATABASE_URL: '',
      ROSTER_DATA_DIR: process.env.E2E_DATA_DIR ?? '.data-e2e',
      NEXTAUTH_URL: baseURL,
      ROSTER_PUBLIC_URL: baseURL,
      // e2e receivers (webhooks) listen on 127.0.0.1.
      ROSTER_EGRESS_ALLOW_PRIVATE: '1',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
