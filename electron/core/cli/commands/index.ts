/** Every command, in --help order. A new command: one file in this folder and its line here. */
import type { Command } from '../command';
import { serveCommand } from './serve';
import { tailCommand } from './tail';

export const COMMANDS: readonly Command[] = [serveCommand, tailCommand];
