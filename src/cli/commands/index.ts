import type { Command } from 'commander';
import { registerDatabaseCommands } from './db.ts';

/** Every subcommand group of the CLI; a capability adds its `register` function here. */
export const commands: Array<(program: Command) => void> = [registerDatabaseCommands];
