#!/usr/bin/env node
// `npm test`: unit + integration (Vitest, real database), then e2e (Playwright, real Chromium, embedded database).
// Ends with one line `N passed, N failed` summing every suite.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const resultsDir = path.resolve('.test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const only = process.argv[2]; // optional: "unit" or "e2e"

function run(command, args, env = process.env) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Finds Chromium; installs Debian's package as root, or names the exact command to run. */
function ensureChromium() {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(candidate)) return candidate;
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    console.log('[test] Chromium not found: installing Debian chromium with apt…');
    run('apt-get', ['update']);
    if (run('apt-get', ['install', '-y', 'chromium'], { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }) === 0 && existsSync('/usr/bin/chromium')) {
      return '/usr/bin/chromium';
    }
  }
  console.error('[test] Chromium is required for the e2e suite. Install it with:\n  sudo apt-get install -y chromium\nor set CHROMIUM_PATH to a Chromium binary.');
  return null;
}

let passed = 0;
let failed = 0;
let infrastructureFailure = false;

// The production build comes first: the WorkOS SDK suite (tests/workos-api/sdk.test.ts) drives `next start`, and so
// does Playwright.
const built = run('node_modules/.bin/next', ['build']) === 0;
if (!built) infrastructureFailure = true;

if (only !== 'e2e') {
  const file = path.join(resultsDir, 'vitest.json');
  const status = run('node_modules/.bin/vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  const report = readJson(file);
  if (report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  if (!report || (status !== 0 && report.numFailedTests === 0)) infrastructureFailure = true;
}

if (only !== 'unit') {
  const chromium = ensureChromium();
  if (!chromium) infrastructureFailure = true;
  else if (!built) infrastructureFailure = true;
  else {
    const dataDir = path.resolve('.data-e2e');
    rmSync(dataDir, { recursive: true, force: true });
    const file = path.join(resultsDir, 'playwright.json');
    const env = { ...process.env, CHROMIUM_PATH: chromium, E2E_DATA_DIR: dataDir, PLAYWRIGHT_JSON_OUTPUT_NAME: file };
    delete env.DATABASE_URL;
    const status = run('node_modules/.bin/playwright', ['test'], env);
    const report = readJson(file);
    if (report?.stats) {
      passed += report.stats.expected + (report.stats.flaky ?? 0);
      if (report.stats.flaky) console.warn(`[test] ${report.stats.flaky} e2e test(s) passed only on retry (flaky): see the list above.`);
      failed += report.stats.unexpected;
    }
    if (!report?.stats || (status !== 0 && report.stats.unexpected === 0)) infrastructureFailure = true;
  }
}

if (infrastructureFailure) failed += failed === 0 ? 1 : 0;
if (infrastructureFailure) console.error('[test] a suite could not run or crashed; counted as a failure.');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
