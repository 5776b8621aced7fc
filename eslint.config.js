// Layer rules of docs/architecture.md "Layers", enforced per folder.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url', 'stream', 'events', 'util', 'dns', 'zlib', 'tls'];
const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'release/**', 'node_modules/**', 'docs/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          pattern(nodeBuiltins, 'shared/ runs in Node and the browser: inject a port instead of importing Node.'),
          pattern(['electron', 'electron/*'], 'shared/ must not import electron.'),
          pattern(['react', 'react-dom', 'react/*', 'zustand'], 'shared/ must not import React.'),
          pattern(['**/electron/**', '**/renderer/**', 'better-sqlite3', '@ngrok/*'], 'shared/ imports only shared/ and pure packages.'),
        ],
      }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          pattern(['electron', 'electron/*'], 'electron/core/ runs in plain Node: it must not import electron.'),
          pattern(['**/renderer/**', 'react', 'react-dom'], 'electron/core/ must not import the renderer.'),
          pattern(['**/main/**', '**/preload/**'], 'electron/core/ must not import electron/main or electron/preload.'),
        ],
      }],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [pattern(['**/renderer/**', 'react', 'react-dom'], 'electron/main/ must not import the renderer.')],
      }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          pattern(nodeBuiltins, 'the preload is sandboxed: no Node modules.'),
          pattern(['**/core/**', '**/main/**', '**/renderer/**', 'better-sqlite3', '@ngrok/*', 'react'], 'the preload may import only electron and shared/.'),
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          pattern(nodeBuiltins, 'renderer/ runs in Chromium: no Node modules.'),
          pattern(['electron', 'electron/*', '**/electron/**'], 'renderer/ must not import electron code; use the API client.'),
        ],
      }],
    },
  },
);
