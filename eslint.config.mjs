// The house rules that types alone do not keep: no `any` flowing through the
// code, no type assertions, no non-null assertions, no default exports outside
// the files Next.js and the tools load by convention.
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', '.next/**', '.next-*/**', 'public/**', '.types-build/**', 'tests/host/**/node_modules/**', 'data/**', 'test-results/**', 'app/(payload)/admin/importMap.js', 'next-env.d.ts', 'migrations/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } }],
    },
  },
  {
    // Tests may assert shapes they receive (`as`, `!`) and read untyped JSON; the code they test may not.
    files: ['tests/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/consistent-type-assertions': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Next.js pages, layouts and route files, and tool configs, export by default by convention.
    files: ['app/**', '*.config.ts', '*.config.mjs', 'tests/summaryReporter.ts', 'tests/host/fixture/app/**', 'tests/host/fixture/*.config.{ts,mjs}'],
    rules: { 'no-restricted-exports': 'off' },
  },
)
