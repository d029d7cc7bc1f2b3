import type { Command } from 'commander';

/** Every subcommand group of the CLI; a capability adds its `register` function here. */
export const commands: Array<(program: Command) => void> = [];
