// ESLint flat config for the whole workspace (ESLint 9, typescript-eslint's recommended rules).
// Formatting is Prettier's job (.prettierrc.json), so no stylistic rules here.
// Type-aware rules (recommendedTypeChecked) are not on: on the 2-core CI machine they took 18 s for packages/core
// alone against 9 s for this whole config over the tree, and their findings (mostly unnecessary type assertions) are
// worth a change of their own, not a side effect of adding the linter.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/.turbo/**', 'fixtures/**', 'bench/.work/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      // A `let` read by a closure before its one assignment (to fail with a clear message if called too early) stays.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // A leading underscore marks a parameter or binding kept for its position (callbacks, destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Code that runs in a browser page or a web worker (the browser HDF5 engine, the web viewer).
    files: ['packages/core/src/hdf5/browser/**', 'packages/web/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
  },
  {
    // The terminal UI reads key and mouse escape sequences and strips control and escape sequences from archive
    // strings: matching control characters is its job there, not a slip.
    files: ['packages/cli/src/ui/**'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // The DANDI emulator's tests read its JSON answers loosely, field by field at any depth, as a client would;
    // typing every answer there would restate dandi-archive's serializers inside the tests. Those files only.
    files: ['packages/sample-archive/src/dandi/**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
