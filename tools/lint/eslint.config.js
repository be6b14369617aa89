// ESLint for the whole repository: `npm run lint` at the root (see package.json here for why it
// lives in a folder of its own). Syntax-only typescript-eslint rules: the type-aware ones would
// build a program of the whole tree on every run, too slow for a 2-core CI machine, and `npm run
// typecheck` covers types.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Patterns are relative to the working directory, the root: `npm run lint` runs
    // `eslint -c tools/lint/eslint.config.js .` there.
    ignores: ['**/node_modules/**', 'dist/**', 'artifacts/**', 'data/**', 'tests/fixtures/**'],
  },
  {
    files: ['**/*.{ts,mjs,js,cjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are unused on purpose (a callback's position, a destructured rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Our control characters in patterns are the point: refusing them in paths and headers,
      // stripping terminal colours from a child's output.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests and benchmarks read JSON answers and page globals whose shape the assertions check.
    files: ['**/*.test.ts', 'tests/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['web/**/*.ts'],
    extends: [lit.configs['flat/recommended']],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'lit/directives/repeat.js',
              message: 'repeat leaves an end marker behind for every removed row (lit/lit#5298); use keyedRows from web/common/keyed-rows.',
            },
          ],
        },
      ],
    },
  },
  {
    // Routes, pages and the gateway are handed their AppDeps (server/deps.ts); only the entry
    // points (main.ts, tests) build the application itself.
    files: ['server/**/*.ts'],
    ignores: ['server/main.ts', 'server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\./|(\\.\\./)+)app$', message: 'import AppDeps from server/deps.ts, not the app.' }] }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
