import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  prettier,
  {
    ignores: ['**/node_modules', '**/dist', '.nx', '.infra', '**/generated/**'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      // Apps deploy independently: an app never imports another app; shared code lives in libs.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          // Only database's and messaging's own integration tests use the harness, and the harness (which
          // has no build target) uses them: a cycle between test code, not between builds.
          ignoredCircularDependencies: [
            ['testing', 'database'],
            ['testing', 'messaging'],
          ],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['tools/**/*.ts', '**/test/**/*.ts', '**/*.spec.ts'],
    rules: { 'no-console': 'off' },
  },
];
