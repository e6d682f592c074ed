const preset = require('../../jest.preset.js');

/** Unit tests: pure modules beside the code they test, no database. */
module.exports = { ...preset, rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
