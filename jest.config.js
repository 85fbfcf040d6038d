// Three projects, run by scripts/test.mjs in this order:
// - unit: *.spec.ts beside the code (and deploy/, the production stack's checks); fakes allowed; parallel.
// - int:  *.int.spec.ts; real Postgres, Redis, Temporal dev server and sandbox; serial.
// - e2e:  e2e/**/*.e2e.spec.ts; the API, workers and sandbox as child processes, driven over
//         HTTP as a client would; nothing stubbed; serial.
// The web app's component specs (*.spec.tsx) run in jsdom, chosen per file with a
// `@jest-environment jsdom` docblock; its other specs run in node like the rest.
const fs = require('node:fs');
const path = require('node:path');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // Jest 30 "soft-deletes" globals between files and warns when the Temporal SDK's native
  // runtime touches them later; the runtime is shared across files on purpose.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcrc, sourceMaps: 'inline', swcrc: false }],
    // React components: TSX with the automatic JSX runtime, as Vite compiles them.
    '^.+\\.tsx$': ['@swc/jest', {
      ...swcrc,
      sourceMaps: 'inline',
      swcrc: false,
      jsc: { ...swcrc.jsc, parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } },
    }],
  },
  moduleNameMapper: {
    '^@herald/(domain|contracts|config|db|providers|ops|testing)$': '<rootDir>/libs/$1/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.data/', '<rootDir>/.test-runs/', '<rootDir>/bench/results/'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,scripts,deploy}/**/*.spec.{ts,tsx}'],
      testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '\\.e2e\\.spec\\.ts$', '/node_modules/'],
    },
    {
      ...common,
      displayName: 'int',
      setupFilesAfterEnv: ['<rootDir>/scripts/jest/long-timeout.js'],
      testMatch: ['<rootDir>/{apps,libs,bench}/**/*.int.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
    },
    {
      ...common,
      displayName: 'e2e',
      setupFilesAfterEnv: ['<rootDir>/scripts/jest/long-timeout.js'],
      testMatch: ['<rootDir>/e2e/**/*.e2e.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
    },
  ],
};
