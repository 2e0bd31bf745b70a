// The command registry: one import and one entry per subcommand.
import type { Command } from './command.js';
import { lsCommand } from './ls.js';
import { downloadCommand } from './download.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: Command[] = [lsCommand, downloadCommand];
