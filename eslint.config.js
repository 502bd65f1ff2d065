// ESLint: TypeScript rules plus the dependency rule between folders (architecture.md):
// core imports nothing outside core; web never imports server or cli; a module never imports another
// module's queries.ts; routes.ts never touches the database.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_AND_IO = ['node:*', 'fs', 'path', 'pg', 'drizzle-orm', 'drizzle-orm/*', 'fastify', '@fastify/*', 'exceljs', 'docx', 'react', 'react-dom', 'antd'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'data/**', 'coverage/**', 'src/server/db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/web/**', '**/cli/**', '../../server/*', '../../web/*'], message: 'core imports nothing outside core.' },
            { group: NODE_AND_IO, message: 'core is pure: no I/O, no framework, no database.' },
          ],
        },
      ],
    },
  },
  {
    // Exported spreadsheets are written only by src/server/lib/safe-export.ts, which neutralises formula-like text
    // (issue 9 part 7, decision 0013). Tests may write hostile workbooks to feed the importers.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/server/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='writeBuffer'], MemberExpression[property.name='writeFile'][object.property.name=/^(xlsx|csv)$/], MemberExpression[property.name='write'][object.property.name=/^(xlsx|csv)$/]",
          message: 'Write workbooks with writeXlsx/writeTable (src/server/lib/safe-export.ts): it neutralises formula-like text.',
        },
        {
          selector: "MemberExpression[property.name='WorkbookWriter']",
          message: 'Stream workbooks with streamXlsx (src/server/lib/safe-export.ts): it neutralises formula-like text.',
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**', '**/cli/**'], message: 'web imports core, never server or cli.' }] },
      ],
    },
  },
  {
    files: ['src/server/modules/**/*.ts'],
    ignores: ['src/server/modules/**/routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*/queries', '../../modules/*/queries', '**/modules/*/queries'], message: "a module never imports another module's queries.ts; call its service." }] },
      ],
    },
  },
  {
    files: ['src/server/modules/**/routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['./queries', '../*/queries', '**/db/*', '**/db/schema/*', 'drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*'], message: 'routes.ts never touches the database: call the service.' },
          ],
        },
      ],
    },
  },
);
