// Mutation testing of the decision layer (`npm run mutate`): StrykerJS plants one small bug at a time in the files
// below and runs the tests that cover it; a mutant no test notices is a gap in the tests. Not part of `npm test`:
// a full run takes hours on two cores. Incremental: a re-run after a small change retests only what the change
// touched (reports/stryker-incremental.json, kept between runs). `npm run mutate -- --mutate src/scan/signature.ts`
// runs one file. Results: docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  // The tests run as native ESM, as `npm test` runs them.
  testRunnerNodeArgs: ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning'],
  jest: {
    configFile: 'jest.config.js',
    // Only the suites that exercise the decision layer: the end-to-end, browser and real-client suites add minutes
    // per mutant and test the same code through it.
    config: {
      testMatch: [
        '**/test/normalize/**/*.test.ts',
        '**/test/engine/**/*.test.ts',
        '**/test/redact/**/*.test.ts',
        '**/test/rules/**/*.test.ts',
        '**/test/scan/**/*.test.ts',
        '**/test/eval/**/*.test.ts',
        '**/test/messages/**/*.test.ts',
        '**/test/server/request-edges.test.ts',
        '**/test/library-api.test.ts',
      ],
    },
  },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  mutate: [
    'src/normalize/**/*.ts',
    'src/engine/**/*.ts',
    'src/redact/**/*.ts',
    'src/rules/overrides.ts',
    'src/scan/signature.ts',
    'src/server/error-reply.ts',
  ],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  concurrency: 2,
  timeoutMS: 20000,
  tempDirName: '.stryker-tmp',
};
