import type { Command } from 'commander';
import { registerDatabaseCommands } from './db.ts';
import { register as registerScan } from './scan.ts';
import { register as registerEval } from './eval.ts';
import { register as registerTypologies } from './typologies.ts';

/** Every subcommand group of the CLI; a capability adds its `register` function here. */
export const commands: Array<(program: Command) => void> = [registerScan, registerEval, registerTypologies, registerDatabaseCommands];
