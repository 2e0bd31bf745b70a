// The command registry: one import and one entry per subcommand.
import type { Command } from './command.js';
import { lsCommand } from './ls.js';
import { downloadCommand } from './download.js';
import { treeCommand } from './tree.js';
import { catCommand } from './cat.js';
import { browseCommand } from './browse.js';
import { nwbCommand } from './nwb.js';
import { poseCommand } from './pose.js';
import { serveCommand } from './serve.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: Command[] = [
  browseCommand,
  lsCommand,
  downloadCommand,
  treeCommand,
  catCommand,
  nwbCommand,
  poseCommand,
  serveCommand,
];
