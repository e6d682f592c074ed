// Shared Jest setup: SWC transpiles TypeScript (type checking is the `typecheck` target's job),
// and @crm/* imports resolve to the libs' sources so tests never need a build first.
const path = require('node:path');

const root = __dirname;

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@crm/([a-z-]+)$': path.join(root, 'libs/$1/src/index.ts'),
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  reporters: ['default', path.join(root, 'tools/ci/jest-results-reporter.js')],
};
