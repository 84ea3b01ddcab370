import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronImport = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron; the core runs in plain Node.',
};
const nodeBuiltins = {
  group: ['node:*'],
  message: 'The renderer runs sandboxed in a browser: no Node modules.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'dist-cli/', 'release/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // Folders are named after where their code may run; these rules enforce it.
  {
    files: ['electron/core/**', 'electron/ipc/**', 'electron/server/**', 'electron/cli/**', 'tests/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport] }] },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport, { name: 'react', message: 'shared/ is read by both sides: zod only.' }],
          patterns: [{ group: ['node:*', '../electron/*', '../renderer/*', '../../electron/*', '../../renderer/*'], message: 'shared/ imports only zod.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [nodeBuiltins, { group: ['**/electron/**'], message: 'The renderer reaches main only through renderer/api.' }],
        },
      ],
    },
  },
);
