// One lint config for the whole repo; formatting is Prettier's job, so its rules are off here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.tsbuild/**', 'test/bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Every zod message is a problem's `expected` text, which a client may read in Turkish or
    // English: it goes through expecting({ en, tr }) or customIssue(), never a bare string.
    files: ['packages/*/src/**/*.ts', 'server/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test-support.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression > ObjectExpression > Property[key.name="error"] > :matches(Literal, TemplateLiteral)',
          message: 'A zod message needs its Turkish too: error: expecting({ en, tr }).',
        },
        {
          selector: 'CallExpression[callee.property.name="addIssue"] > ObjectExpression',
          message: 'A custom zod issue needs its Turkish too: ctx.addIssue(customIssue({ … })).',
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
