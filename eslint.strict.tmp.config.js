import base from './eslint.config.js';
import tseslint from 'typescript-eslint';
export default [
  ...base,
  ...tseslint.configs.strictTypeChecked.map((c) => ({ ...c, files: ['**/*.ts'], ignores: ['**/*.test.ts', '**/*.test-support.ts', 'test/**'] })),
  {
    files: ['**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test-support.ts', 'test/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }] },
  },
];
