// Unit tests: no broker, no database. Integration tests live in test/ and have their own config.
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'messaging',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  testPathIgnorePatterns: [...preset.testPathIgnorePatterns, '<rootDir>/test/'],
};
