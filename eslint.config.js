// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const engineBoundary = 'The engine (src/) must stay UI-free: talk to it from web/ through the worker client.';

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'public/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      '.ci-out/**',
      '.bench/**',
      '.prof/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['e2e/**', 'scripts/**', 'bin/**', '.ci/**', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react', message: engineBoundary },
            { name: 'react-dom', message: engineBoundary },
            { name: 'zustand', message: engineBoundary },
          ],
          patterns: [
            { group: ['react/*', 'react-dom/*', 'zustand/*'], message: engineBoundary },
            { group: ['@xyflow/*', '@tanstack/*'], message: engineBoundary },
            { regex: '^(\\./)?(\\.\\./)+web(/|$)', message: engineBoundary },
          ],
        },
      ],
    },
  },
);
