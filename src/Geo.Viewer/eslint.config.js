// ESLint flat config: the recommended JavaScript and typescript-eslint rules over the viewer's sources and tests.
// Type-checking itself is tsc's job (npm run typecheck); these rules catch what the compiler lets through.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['wwwroot/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['*.config.{js,ts}', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
