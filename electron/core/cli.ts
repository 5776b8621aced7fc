/** The CLI entry module kept at its old path for bin/hookscope.mjs and the build: see cli/main.ts. */
export { main } from './cli/main';
