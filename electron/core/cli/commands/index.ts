/** Every command, in --help order. A new command: one file in this folder and its line here. */
import type { Command } from '../command';
import { doctorCommand } from './doctor';
import { exportCommand } from './export';
import { listenCommand } from './listen';
import { mcpCommand } from './mcp';
import { replayCommand } from './replay';
import { sendCommand } from './send';
import { serveCommand } from './serve';
import { tailCommand } from './tail';
import { tokenCommand } from './token';
import { verifyCommand } from './verify';

export const COMMANDS: readonly Command[] = [serveCommand, listenCommand, tailCommand, sendCommand, replayCommand, exportCommand, verifyCommand, mcpCommand, tokenCommand, doctorCommand];
