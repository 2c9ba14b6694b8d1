// Lint rules: the recommended sets, plus the layer rules of README "Architecture": which part of src may import which
// (eslint/layers.js resolves each relative import and checks it against the layer table), and the packages and
// globals each layer keeps away from.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import rampart from './eslint/layers.js';

const SLACK_AND_CRON = ['@slack/*', 'node-cron'];
const NO_ENV = { object: 'process', property: 'env', message: 'Only src/config.ts reads process.env.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'drizzle/', 'coverage/', 'test-results/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { rampart },
    rules: { 'rampart/layers': 'error' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: SLACK_AND_CRON, message: 'src/core never imports Slack or cron: adapters call core.' }] }],
      'no-restricted-properties': ['error', NO_ENV],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: SLACK_AND_CRON, message: 'src/db knows only the database.' }] }],
      'no-restricted-properties': ['error', NO_ENV],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...SLACK_AND_CRON, 'drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*'], message: 'src/shared is pure: no Slack, cron or database.' }] },
      ],
      'no-restricted-properties': ['error', NO_ENV],
    },
  },
);
