// One lint config for the whole repo; formatting is Prettier's job, so its rules are off here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// Tests, test helpers, benches and the cross-package suite keep the recommended rules only.
const SOURCE_IGNORES = ['**/*.test.ts', '**/*.test-support.ts', 'test/**', '**/*.fixture.ts'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.tsbuild/**',
      '**/.next/**',
      '**/next-env.d.ts',
      'test/bench/results/**',
    ],
  },
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
  // Source is held to typescript-eslint's strict, type-checked rules; tests to the recommended ones
  // (a test's `!` and loose fixtures say what it expects more plainly than guards would).
  ...tseslint.configs.strictTypeChecked.map((config) => ({
    ...config,
    files: ['**/*.ts'],
    ignores: SOURCE_IGNORES,
  })),
  {
    files: ['**/*.ts'],
    ignores: SOURCE_IGNORES,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // With noUncheckedIndexedAccess a `!` marks a lookup the lines before have guaranteed (an
      // aggregate's one row, a key just set); a guard there would be dead code.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Store ports and handlers are async so a synchronous throw becomes a rejection, which is
      // their contract, whether or not the body awaits.
      '@typescript-eslint/require-await': 'off',
      // `(e) => void …` and `() => doIt()` around void calls are the idiom of listeners and
      // promise callbacks here; the rule found no bug in them.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // The code narrows values crossing a trust boundary (parsed JSON, FormData, IndexedDB,
      // env, errors) whose types are more optimistic than run time — JSON.stringify is typed
      // string yet returns undefined — and state read again after an await; every hit was one.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // String() of an unknown is the last resort when excerpting hostile input or a FormData
      // entry, where "[object …]" is an acceptable rendering.
      '@typescript-eslint/no-base-to-string': 'off',
      // Numbers and booleans print as expected in a template; anything else must be a string.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      // Rethrowing what a catch (or a transaction's failure slot) received is not a new throw.
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // Lit binds event listeners (`@click=${this.onClick}`) to the element itself.
    files: ['admin/src/**/*.ts', 'widget/src/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  prettier,
);
