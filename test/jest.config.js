// End-to-end tests: the real backend and app dev servers, driven by a real Chromium.
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/e2e/**/*.test.js'],
  globalSetup: '<rootDir>/e2e/globalSetup.mjs',
  globalTeardown: '<rootDir>/e2e/globalTeardown.mjs',
  testTimeout: 120000,
  maxWorkers: 1,
};
