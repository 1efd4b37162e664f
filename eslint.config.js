import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output*/**', '.wxt/**', 'node_modules/**', 'artifacts/**', 'bench/**/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Guide and note text renders as text, never HTML.' },
        { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'Use textContent: text renders as text.' },
      ],
    },
  },
  {
    files: ['**/*.tsx', 'components/**', 'stores/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The background is a service worker: no DOM, and no UI code pulled in by accident.
    files: ['entrypoints/background/**', 'lib/background/**', 'lib/db/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'No window in the background service worker.' },
        { name: 'document', message: 'No document in the background service worker.' },
        { name: 'localStorage', message: 'No localStorage in the background service worker.' },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/components/**', '**/stores/**', 'react', 'react-dom'], message: 'Background code must not import UI code.' }] },
      ],
    },
  },
  { files: ['**/*.{js,mjs}'], ...tseslint.configs.disableTypeChecked },
  {
    // Page scripts served to call pages in tests and benchmarks.
    files: ['bench/fixtures/**/*.js', 'tests/fixtures/**/*.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', requestAnimationFrame: 'readonly' } },
  },
  {
    files: ['**/*.{js,mjs}', 'scripts/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', URL: 'readonly', fetch: 'readonly', Buffer: 'readonly' } },
  },
);
