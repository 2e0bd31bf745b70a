// The shape every subcommand has, so main.ts can parse, route and print help the same way for all.
import type { ParseArgsConfig } from 'node:util';
import { InvalidInputError } from '@ember-archive/core';

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

/**
 * The one target a command takes: `optional` ones (ls, browse) may have none, the others need exactly one file.
 * Anything else is bad input, most often an identifier with spaces that was not quoted.
 */
export function targetOf(args: CommandArgs, command: string, kind: 'file'): string;
export function targetOf(args: CommandArgs, command: string, kind: 'optional'): string | undefined;
export function targetOf(args: CommandArgs, command: string, kind: 'optional' | 'file'): string | undefined {
  const count = args.positionals.length;
  if (kind === 'optional' && count > 1) {
    throw new InvalidInputError(`${command} takes one target, not ${count}; quote identifiers that contain spaces.`);
  }
  if (kind === 'file' && count === 0) {
    throw new InvalidInputError(`${command} needs a file target: an archive identifier, URL or local path.`);
  }
  if (kind === 'file' && count !== 1) {
    throw new InvalidInputError(
      `${command} takes exactly one file target, not ${count}; quote identifiers that contain spaces.`,
    );
  }
  return args.positionals[0];
}
