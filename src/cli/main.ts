import { Command } from 'commander';
import { describeError, exitCodeOf } from '../errors.ts';
import { commands } from './commands/index.ts';

/** Builds the `frontera` command line; each capability registers its own subcommands. */
export function buildProgram(): Command {
  const program = new Command('frontera')
    .description('Frontera: financial intelligence for the US–Mexico corridor')
    .version('0.1.0')
    .showHelpAfterError();
  for (const register of commands) register(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`frontera: ${describeError(error)}\n`);
  process.exitCode = exitCodeOf(error);
}
