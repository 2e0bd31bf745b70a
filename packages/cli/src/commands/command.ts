// The shape every subcommand has, so main.ts can parse, route and print help the same way for all.
import type { ParseArgsConfig } from 'node:util';

/** Options every command accepts. */
export const GLOBAL_OPTIONS = {
  json: { type: 'boolean', default: false },
  api: { type: 'string' },
  's3-endpoint': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Parsed arguments handed to a command. */
export interface CommandArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
}

/** Where a command writes; tests pass their own. */
export interface CommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

/** One subcommand of `ember-archive`. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage line(s) after `ember-archive `. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Returns the process exit code. Throw EmberError subclasses for failures the user should see. */
  run(args: CommandArgs, io: CommandIo): Promise<number>;
}
