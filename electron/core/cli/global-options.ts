/** Flags every command accepts (merged into each command's own by the parser and shown in its --help). */
import type { OptionSpecs } from './command';

export const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} satisfies OptionSpecs;
