// One Jest configuration for the workspace, three kinds of test:
//   unit         *.spec.ts      pure code, no I/O
//   integration  *.int.spec.ts  real PostgreSQL (a database per file), Redis and an SMTP sink
//   browser      *.e2e.spec.ts  the running API and web app in Debian's Chromium
const { readFileSync } = require('node:fs');

const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.jsc.baseUrl;
delete swc.jsc.paths;
const transform = {
  '^.+\\.(t|j)sx?$|\\.mjs$': [
    '<rootDir>/libs/testing/jest/swc-transformer.js',
    { ...swc, swcrc: false, sourceMaps: 'inline' },
  ],
};
// ES-module-only packages that must be compiled to CommonJS for Jest (see the transformer).
// pdfjs-dist ships .mjs files, which the transform pattern above includes for that reason.
// openapi-typescript's CommonJS build requires parse-json (and its index-to-position), which are
// ES modules (as is change-case); some live in openapi-typescript's own node_modules, hence the
// parent in the list too.
const esmOnly = [
  '@nestjs',
  'nodemailer',
  'smtp-server',
  'zod',
  'pdfjs-dist',
  'openapi-typescript',
  'parse-json',
  'index-to-position',
  'supports-color',
  'change-case',
];

const moduleNameMapper = {
  '^@kiezfonds/config$': '<rootDir>/config/src/index.ts',
  '^@kiezfonds/(.+)$': '<rootDir>/libs/$1/src/index.ts',
};

const common = {
  rootDir: __dirname,
  transform,
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.data/'],
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
};

const withServices = {
  ...common,
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
};

module.exports = {
  // A worker runs many test files, and what each leaves (compiled modules, Nest apps, pdf.js) grew
  // a worker to 4.5 GB in a clean-clone run, where its collections slowed every later file; a
  // worker above this size after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1536MB',
  projects: [
    {
      ...common,
      displayName: 'unit',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/jest/unit-timeout.js'],
      testMatch: ['<rootDir>/{apps,libs,config}/**/*.spec.ts'],
      // The web app's pure helpers (amounts, dates, plan sums) run here too; they touch no DOM.
      testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '\\.e2e\\.spec\\.ts$', '/node_modules/'],
    },
    {
      ...withServices,
      displayName: 'integration',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/jest/integration-timeout.js'],
      testMatch: ['<rootDir>/{apps,libs,config,test}/**/*.int.spec.ts'],
    },
    {
      ...withServices,
      displayName: 'browser',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/jest/browser-timeout.js'],
      testMatch: ['<rootDir>/test/browser/**/*.e2e.spec.ts'],
    },
  ],
};
