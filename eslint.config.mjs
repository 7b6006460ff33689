// ESLint 9 flat config: Next.js (core web vitals) and typescript-eslint rules, plus the layer rules of the house
// (DESIGN.md › Layout). The layer rules use import/no-restricted-paths, which resolves every import (the `@/` alias
// and relative paths alike) to a file before judging it, so `../../app/x` cannot slip past a pattern.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/** Each zone: files under `target` may not import files under `from`. Exported for the rule's own test. */
export const LAYER_ZONES = [
  {
    target: './lib',
    from: ['./app', './components'],
    message: 'lib/ is the domain: it never imports app/ or components/.',
  },
  {
    target: './db',
    from: ['./lib'],
    message: 'db/ is schema and client only: it never imports lib/ (the schema holds no business rule).',
  },
  {
    target: './components',
    from: ['./db'],
    message: 'components/ never query the database: call a lib/ function from a page or an action instead.',
  },
  {
    target: ['./lib/hr', './lib/scim', './lib/hr-api', './lib/tenants'],
    from: ['./lib/actions.ts'],
    message: 'Domains are plain functions: server actions are defined at the edge, in app/**/actions.ts.',
  },
  {
    target: ['./lib/auth', './lib/tenants'],
    from: ['./lib/hr', './lib/scim', './lib/hr-api'],
    message: 'Accounts and tenant bootstrap know no HR domain (what a new tenant needs lives in lib/tenants).',
  },
  {
    target: './lib/directory-sync',
    from: ['./lib/hr', './lib/scim', './lib/hr-api'],
    message: 'lib/directory-sync reads HR data only over the HR API (HTTP), never from lib/hr, lib/scim or lib/hr-api.',
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  globalIgnores([
    '.next/**',
    'next-env.d.ts',
    'node_modules/**',
    '.data/**',
    '.data-*/**',
    '.test-results/**',
    'test-results/**',
    'playwright-report/**',
    'db/migrations/**',
  ]),
  {
    rules: {
      'import/no-restricted-paths': ['error', { zones: LAYER_ZONES }],
      // Unused code is dead code: an error, except names that say they are unused on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-unused-expressions': 'error',
    },
  },
]);
