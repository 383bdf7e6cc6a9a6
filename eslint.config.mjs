// Lint: typescript-eslint's recommended rules, and type-aware rules for what breaks an order at
// run time (a promise nobody awaits, a promise where a callback is expected, a switch that misses
// a case). Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no activity
// implementations, no zod (each module is evaluated again for every cached workflow).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const sandbox = 'workflow code runs in a deterministic sandbox: no Node built-ins';

/** What workflow code may not import: Node built-ins, activity implementations (types only), and the `extra` paths. */
function sandboxImports(...extra) {
  return {
    paths: [...builtinModules.map((name) => ({ name, message: sandbox })), ...extra],
    patterns: [
      { group: ['node:*'], message: sandbox },
      {
        group: ['**/activities', '**/activities/*'],
        allowTypeImports: true,
        message: 'workflows call activities through proxyActivities; import their types only',
      },
    ],
  };
}

/** A run started on current code answers most patches from one baseline marker (workflows/patches.ts). */
const patchesThroughBaseline = {
  name: '@temporalio/workflow',
  importNames: ['patched', 'deprecatePatch'],
  message: "import patched from workflows/patches.ts: it answers the baseline's patches without a marker each",
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.temporal/', '.data/', 'workflows/domain/validators.generated.ts'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', sandboxImports(patchesThroughBaseline)] },
  },
  // The one module that consults Temporal's patch markers itself.
  { files: ['workflows/patches.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', sandboxImports()] } },
  // The few plain JavaScript files (npm's postinstall, mocha's configuration) are CommonJS.
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
