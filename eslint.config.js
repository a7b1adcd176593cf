// Lint with the architecture's import boundaries (ARCHITECTURE.md):
// shared/ is pure and imports nothing of the project; the renderer never
// reaches into electron/; electron/ only uses shared/; a feature never
// imports another feature (the app/ layer composes them).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const FEATURES = ['members', 'labour', 'vehicles', 'dc01', 'dashboard', 'report', 'audit', 'settings', 'setup', 'session', 'import'];

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.tsbuild/**', 'coverage/**', 'tests/.artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([
      { group: ['**/renderer/**', '**/electron/**', '**/tests/**'], message: 'shared/ is pure: it imports nothing of the app.' },
      { group: ['react', 'react-dom', 'dexie', 'electron', 'exceljs'], message: 'shared/ holds pure domain code only.' },
    ]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // We do not run the React Compiler; this rule only reports what it would skip.
      'react-hooks/incompatible-library': 'off',
      ...restrict([
        { group: ['**/electron/**', 'electron'], message: 'The renderer talks to the machine only through the DesktopApi.' },
      ]),
    },
  },
  ...FEATURES.map((feature) => ({
    files: [`renderer/features/${feature}/**/*.{ts,tsx}`],
    rules: restrict([
      { group: ['**/electron/**', 'electron'], message: 'The renderer talks to the machine only through the DesktopApi.' },
      {
        group: FEATURES.filter((f) => f !== feature).map((f) => `../${f}/*`),
        message: 'Features do not import one another; compose them in renderer/app/.',
      },
    ]),
  })),
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: restrict([{ group: ['**/renderer/**'], message: 'electron/ uses only shared/.' }]),
  },
  {
    files: ['build/**/*.{js,mjs,ts}', 'tests/**/*.ts', '*.config.{js,ts}', '.ci/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
);
