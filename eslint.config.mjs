// ESLint (flat config): typescript-eslint's recommended rules, plus the habits of ../shared/STYLE.md that a reader relies on:
// no comma sequences, no assignments hidden inside expressions, no nested ternaries, no `!` where a check reads better,
// and never eval, new Function or innerHTML in what ships to a page.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Assignments are statements: `a = b;` or a for loop's own parts, never part of a larger expression. */
const ASSIGNMENT_IN_EXPRESSION =
  'AssignmentExpression:not(ExpressionStatement > AssignmentExpression):not(ForStatement > AssignmentExpression.init)' +
  ':not(ForStatement > AssignmentExpression.update):not(ForInStatement > AssignmentExpression)';

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'bench/.runs/', 'test-results/', 'playwright-report/', '.reports/', 'e2e/.cache/', 'bench/.cache/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-sequences': ['error', { allowInParentheses: false }],
      'no-nested-ternary': 'error',
      'no-restricted-syntax': ['error', { selector: ASSIGNMENT_IN_EXPRESSION, message: 'Assign in a statement of its own.' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // What ships to a page never builds HTML from strings.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Build nodes with createElement and textContent.' },
        { property: 'outerHTML', message: 'Build nodes with createElement and textContent.' },
        { property: 'insertAdjacentHTML', message: 'Build nodes with createElement and textContent.' },
      ],
    },
  },
  {
    // Tests and tools may reach into internals with `!` after they checked, and use any.
    files: ['test/**', 'e2e/**', 'bench/**', 'scripts/**', 'collector/**'],
    // Playwright fixtures take their dependencies as `async ({}, use) => ...`.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-empty-pattern': 'off' },
  },
);
