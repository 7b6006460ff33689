#!/usr/bin/env node
// `npm test`: static checks (types, lint, format), then unit + integration (Vitest, real database), then e2e
// (Playwright, real Chromium, embedded database). Ends with one line `N passed, N failed, N flaky, N skipped`.
// The run fails on any failed test, any flaky test (no retries: a test that needs one is a failure to fix at its
// root), any skipped test (no test is meant to be skipped; a skip hides one), and any check or suite that could not
// run (an "infrastructure failure", counted as one failure and named at the end).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const resultsDir = path.resolve('.test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
/** Optional first argument: "checks", "unit" or "e2e" runs only that part. */
const only = process.argv[2];
const wants = (part) => !only || only === part;

/** @param {string} command @param {string[]} args */
function run(command, args, env = process.env) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1;
}

/** @param {string} file */
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
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['install', '-y', 'chromium'], env) === 0 && existsSync('/usr/bin/chromium')) {
      return '/usr/bin/chromium';
    }
  }
  console.error(
    '[test] Chromium is required for the e2e suite. Install it with:\n  sudo apt-get install -y chromium\n' +
      'or set CHROMIUM_PATH to a Chromium binary.',
  );
  return null;
}

const totals = { passed: 0, failed: 0, flaky: 0, skipped: 0 };
/** Names of the flaky and skipped tests, printed together at the end. */
const flakyNames = [];
const skippedNames = [];
/** Checks or suites that could not run or failed outside any test: each counts as one failure. */
const infrastructureFailures = [];

/** A static check passes with exit code 0; anything else is named at the end. */
function check(name, command, args) {
  if (run(command, args) !== 0) infrastructureFailures.push(`${name} (\`${[command, ...args].join(' ')}\`)`);
}

if (wants('checks')) {
  check('typecheck', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'tsconfig.json']);
  check('typecheck of the .mjs scripts', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'tsconfig.scripts.json']);
  check('lint', 'node_modules/.bin/eslint', ['--max-warnings=0', '.']);
  check('format', 'node_modules/.bin/prettier', ['--check', '--log-level=warn', '.']);
}

/** Vitest's JSON: skipped tests are `skipped`, `pending` or `todo`. Retries are off (--retry=0), so none is flaky. */
function countVitest(report) {
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'passed') totals.passed++;
      else if (test.status === 'failed') totals.failed++;
      else {
        totals.skipped++;
        skippedNames.push(`${path.relative(process.cwd(), file.name)} › ${test.fullName}`);
      }
    }
  }
}

/** One production build for the whole run: the WorkOS SDK suites (tests/workos-api) and Playwright drive `next start`. */
let built = null;
function build() {
  if (built === null) built = run('node_modules/.bin/next', ['build']) === 0;
  return built;
}

if (wants('unit')) {
  if (!build()) infrastructureFailures.push('vitest (`next build` failed; the WorkOS SDK suites need it)');
  const file = path.join(resultsDir, 'vitest.json');
  const args = ['run', '--retry=0', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`];
  const status = run('node_modules/.bin/vitest', args);
  const report = readJson(file);
  if (report) countVitest(report);
  if (!report) infrastructureFailures.push('vitest (no report was written)');
  else if (status !== 0 && report.numFailedTests === 0) {
    infrastructureFailures.push('vitest (exited with an error outside any test: a file failed to load?)');
  }
}

/** Playwright's JSON: every test's outcome is expected, unexpected, flaky or skipped. */
function countPlaywright(report) {
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const name = [...titles, spec.title].filter(Boolean).join(' › ');
        if (test.status === 'expected') totals.passed++;
        else if (test.status === 'unexpected') totals.failed++;
        else if (test.status === 'flaky') {
          totals.flaky++;
          flakyNames.push(name);
        } else {
          totals.skipped++;
          skippedNames.push(name);
        }
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) visit(suite, [suite.title]);
}

if (wants('e2e')) {
  const chromium = ensureChromium();
  if (!chromium) infrastructureFailures.push('e2e (no Chromium)');
  else if (!build()) infrastructureFailures.push('e2e (`next build` failed)');
  else {
    const dataDir = path.resolve('.data-e2e');
    rmSync(dataDir, { recursive: true, force: true });
    const file = path.join(resultsDir, 'playwright.json');
    // e2e runs on the embedded default database, never on DATABASE_URL.
    const { DATABASE_URL: _unused, ...inherited } = process.env;
    const env = { ...inherited, CHROMIUM_PATH: chromium, E2E_DATA_DIR: dataDir, PLAYWRIGHT_JSON_OUTPUT_NAME: file };
    const status = run('node_modules/.bin/playwright', ['test', '--retries=0'], env);
    const report = readJson(file);
    if (report?.suites) countPlaywright(report);
    if (!report?.stats) infrastructureFailures.push('e2e (no Playwright report was written)');
    else if (status !== 0 && report.stats.unexpected === 0 && report.stats.flaky === 0) {
      infrastructureFailures.push('e2e (Playwright exited with an error outside any test: the web server?)');
    }
  }
}

console.log('');
for (const name of flakyNames) console.error(`[test] FLAKY (passed only on a retry; counts as a failure): ${name}`);
for (const name of skippedNames)
  console.error(`[test] SKIPPED (counts as a failure; no test is meant to be skipped): ${name}`);
for (const name of infrastructureFailures)
  console.error(`[test] INFRASTRUCTURE FAILURE (counted as 1 failed): ${name}`);
totals.failed += infrastructureFailures.length;
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.flaky} flaky, ${totals.skipped} skipped`);
process.exit(totals.failed + totals.flaky + totals.skipped > 0 ? 1 : 0);
