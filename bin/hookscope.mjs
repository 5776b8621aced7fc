#!/usr/bin/env node
// Entry point of `npx hookscope serve`: runs the TypeScript core through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/core/cli.ts');
const code = await main(process.argv.slice(2));
process.exit(code);
