import type { Command } from 'commander';
import { registerDatabaseCommands } from './db.ts';
import { register as registerScan } from './scan.ts';
import { register as registerEval } from './eval.ts';
import { register as registerTypologies } from './typologies.ts';
import { register as registerServe } from './serve.ts';
import { register as registerScreen } from './screen.ts';
import { register as registerLists } from './lists.ts';
import { register as registerSynth } from './synth.ts';
import { register as registerShare } from './share.ts';
import { register as registerIngest } from './ingest.ts';
import { register as registerCase } from './case.ts';
import { register as registerReport } from './report.ts';
import { register as registerStart } from './start.ts';
import { register as registerAdvisory } from './advisory.ts';
import { register as registerBacktest } from './backtest.ts';
import { register as registerPublish } from './publish.ts';
import { register as registerWorker } from './worker.ts';
import { register as registerFiu } from './fiu.ts';

/** Every subcommand group of the CLI; a capability adds its `register` function here. */
export const commands: Array<(program: Command) => void> = [registerScan, registerEval, registerTypologies, registerDatabaseCommands, registerServe, registerScreen, registerLists, registerSynth, registerShare, registerIngest, registerCase, registerReport, registerStart, registerAdvisory, registerBacktest, registerPublish, registerWorker, registerFiu];
