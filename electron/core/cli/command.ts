/**
 * What a CLI command is: a name, its flags and positionals (for the one parser and for --help), and
 * run(). Adding a command = one file in commands/ exporting a Command, plus its line in commands/index.ts.
 */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** a string flag that may repeat (values collected in order) */
  multiple?: boolean;
  /** boolean only: also accept --no-<name> (value false) */
  negatable?: boolean;
  /** placeholder in --help, e.g. FILE */
  value?: string;
  description: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface PositionalSpec {
  name: string;
  required: boolean;
  description: string;
}

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean' ? boolean : S['multiple'] extends true ? string[] : string;
export type OptionValues<O extends OptionSpecs> = { [K in keyof O]?: ValueOf<O[K]> };

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** resolves when the user asks to stop (SIGINT/SIGTERM); long-running commands await it */
  stopSignal: Promise<string>;
}

export interface CommandInput<O extends OptionSpecs> {
  values: OptionValues<O>;
  positionals: string[];
  io: CommandIo;
}

export interface Command<O extends OptionSpecs = OptionSpecs> {
  name: string;
  /** one line for the command list */
  summary: string;
  positionals: PositionalSpec[];
  options: O;
  /** extra paragraphs for --help (examples, exit codes) */
  details?: string;
  /** the exit code */
  run(input: CommandInput<O>): Promise<number>;
}

/** Keeps the option types of one command literal while storing it in the common list. */
export function defineCommand<O extends OptionSpecs>(command: Command<O>): Command {
  return command as unknown as Command;
}
