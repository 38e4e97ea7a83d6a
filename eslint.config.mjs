// One lint configuration for the whole workspace. The module-boundary rule is what keeps
// libs/domain free of frameworks and libraries free of apps; it is enforced, not advised.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const frameworkPackages = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'bullmq',
  'ioredis',
  'express',
  'nodemailer',
  'react',
  'react-dom',
];

const LIBS = ['type:domain', 'type:config', 'type:infrastructure', 'type:feature'];

/** Who may import whom; `extra` tags are allowed to every project (tests may use type:testing). */
function boundaries(extra) {
  const allow = (tags) => [...tags, ...extra];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      {
        sourceTag: 'type:domain',
        onlyDependOnLibsWithTags: allow(['type:domain']),
        bannedExternalImports: frameworkPackages,
      },
      {
        sourceTag: 'type:config',
        onlyDependOnLibsWithTags: allow(['type:config']),
        bannedExternalImports: frameworkPackages,
      },
      {
        sourceTag: 'type:infrastructure',
        onlyDependOnLibsWithTags: allow(['type:domain', 'type:config', 'type:infrastructure']),
      },
      { sourceTag: 'type:feature', onlyDependOnLibsWithTags: allow(LIBS) },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: LIBS },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: allow(LIBS) },
      { sourceTag: 'type:web', onlyDependOnLibsWithTags: allow(['type:domain']) },
    ],
  };
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '**/coverage',
      '.nx',
      'tmp',
      '.data',
      'docs/lifecycle',
      'apps/web/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries([])],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      'no-console': 'error',
      // Apps are entry points, never dependencies: nothing imports them by package name.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@kiezfonds/api', '@kiezfonds/worker', '@kiezfonds/web'],
              message: 'Apps are never imported.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may use the shared harness; production code may not.
    files: ['**/*.spec.ts', '**/*.spec.tsx', 'apps/*/src/testing/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(['type:testing'])] },
  },
  {
    // Nest resolves constructor parameters from emitted decorator metadata, so injected
    // classes must stay value imports; type-only imports would erase them.
    files: ['apps/api/**/*.ts', 'apps/worker/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/domain/**'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: [
      'scripts/**',
      'bench/**',
      'apps/*/src/main.ts',
      'apps/*/src/cli/**',
      'apps/worker/src/healthcheck.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, ...globals.jest } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
