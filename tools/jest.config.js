/** Unit tests of the repository's tooling; the tools' effects are proven by running them. */
module.exports = {
  displayName: 'tools',
  preset: '../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
