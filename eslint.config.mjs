// One flat config. Type-aware rules catch the bugs that matter most here: a forgotten await on
// an activity or a Temporal call, and a switch over states that misses one.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers',
  'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/.tsbuild/**', '**/node_modules/**', '.data/**', '.test-runs/**', 'libs/db/src/generated/**',
      'scripts/**', 'jest.config.js', 'eslint.config.mjs', 'prisma.config.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Nest resolves constructor parameters from their emitted types: a type-only import would
    // erase them, so these files import classes as values.
    files: ['apps/api/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no I/O, no Node built-ins, no
    // database or network clients. It reaches the world only through activities.
    files: ['apps/worker/src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...NODE_BUILTINS.map((name) => ({ name, message: 'Workflows are sandboxed: do I/O in an activity.' })),
          ...NODE_BUILTINS.map((name) => ({ name: `node:${name}`, message: 'Workflows are sandboxed: do I/O in an activity.' })),
          { name: '@herald/db', message: 'Workflows are sandboxed: use an activity.' },
          { name: '@herald/providers', message: 'Workflows are sandboxed: use an activity.' },
          { name: '@herald/config', message: 'Workflows must not read the environment: pass values in the input.' },
          { name: '@prisma/client', message: 'Workflows are sandboxed: use an activity.' },
          { name: 'axios', message: 'Workflows are sandboxed: use an activity.' },
        ],
      }],
    },
  },
  {
    // The web app runs in the browser and talks to the API over HTTP only (STYLE.md): of the
    // workspace it imports @herald/domain alone, and no Node built-ins outside its Vite config.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...NODE_BUILTINS.map((name) => ({ name, message: 'The web app runs in the browser.' })),
          ...NODE_BUILTINS.map((name) => ({ name: `node:${name}`, message: 'The web app runs in the browser.' })),
        ],
        patterns: [{ regex: '^@herald/(?!domain$)', message: 'The web app imports only @herald/domain; it reaches the rest through the API.' }],
      }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx', 'e2e/**/*.ts', 'libs/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
