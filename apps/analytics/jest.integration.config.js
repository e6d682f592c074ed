const preset = require('../../jest.preset.js');

/** Integration tests: real PostgreSQL (a fresh database per test file) and the real GraphQL server. */
module.exports = {
  ...preset,
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.integration.spec.ts'],
  testTimeout: 60000,
};
