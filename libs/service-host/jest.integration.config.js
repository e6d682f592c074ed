// Integration tests against the real Kafka broker and PostgreSQL (see libs/testing).
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'service-host:integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.integration.spec.ts'],
  testTimeout: 60_000,
};
