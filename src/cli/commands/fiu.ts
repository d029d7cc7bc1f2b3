/**
 * `frontera fiu intake|resolve|entity|queue|evaluate|scorecards`: the FIU hub on the store
 * (PGlite in FRONTERA_DATA or PostgreSQL at DATABASE_URL). Each command parses, calls src/fiu and prints.
 */
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../../errors.ts';
import type { Database } from '../../store/index.ts';
import { actorOf, withStore, withStoreOptions, type StoreOptions } from '../store-options.ts';
import {
  buildEvaluationSet, createDisseminationService, createFeedbackService, createFiuStore, createTriageService, defaultDesignationIndex, pairwiseScores, receiveFile, resolveEntities, MAX_INTAKE_FILE_BYTES,
} from '../../fiu/index.ts';

const withDatabase = <T>(options: StoreOptions, work: (database: Database) => Promise<T>): Promise<T> => withStore(options, (store) => work(store.database));

/** Registers `frontera fiu …`. */
export function register(program: Command): void {
  const fiu = program.command('fiu').description('FIU hub: intake, entity resolution, triage, dissemination, feedback');

  withStoreOptions(fiu.command('intake <files...>').description('receive FinCEN SAR/CTR, goAML or UIF files; prints each acknowledgement as JSON').requiredOption('--filer <id>', 'the filing institution (EIN:…, UIF:…, GOAML:…)'))
    .action(async (files: string[], options: StoreOptions & { filer: string }) => {
      await withDatabase(options, async (database) => {
        const store = createFiuStore(database);
        for (const file of files) {
          const size = (await stat(file)).size;
          if (size > MAX_INTAKE_FILE_BYTES) throw new ValidationError(`${file} is ${size} bytes, above the limit of ${MAX_INTAKE_FILE_BYTES}`);
          const content = await readFile(file, 'utf8');
          const result = await receiveFile({ content, fileName: basename(file), filerId: options.filer, fileId: randomUUID(), receivedAt: new Date().toISOString() });
          await store.saveIntake(result, content);
          process.stdout.write(`${JSON.stringify(result.acknowledgement)}\n`);
        }
      });
    });

  withStoreOptions(fiu.command('resolve').description('re-resolve every subject into entities (keeps ids, replays analysts\' merges and splits)').option('--actor <user>', 'who runs it (or FRONTERA_USER)'))
    .action(async (options: StoreOptions & { actor?: string }) => {
      const actor = actorOf(options);
      await withDatabase(options, async (database) => {
        process.stdout.write(`${JSON.stringify(await createFiuStore(database).resolve({ actor, time: new Date().toISOString() }))}\n`);
      });
    });

  withStoreOptions(fiu.command('entity <entityId>').description('an entity with its mentions and the evidence of each link'))
    .action(async (entityId: string, options: StoreOptions) => {
      await withDatabase(options, async (database) => {
        process.stdout.write(`${JSON.stringify(await createFiuStore(database).getEntity(entityId), null, 2)}\n`);
      });
    });

  withStoreOptions(fiu.command('queue').description('the triage queue: reports and networks, best first, with reasons').option('--limit <n>', 'how many', '20').option('--networks', 'show networks instead of reports'))
    .action(async (options: StoreOptions & { limit: string; networks?: boolean }) => {
      await withDatabase(options, async (database) => {
        const store = createFiuStore(database);
        const dissemination = createDisseminationService({ database, fiu: store });
        const triage = createTriageService({ database, fiu: store, dissemination, designations: defaultDesignationIndex() });
        const queue = await triage.queue({ now: new Date().toISOString(), limit: Number(options.limit) });
        if (options.networks) for (const network of queue.networks) process.stdout.write(`${network.score.toFixed(1).padStart(5)}  ${network.networkId.padEnd(20)} ${network.reasons.join('; ')}\n`);
        else for (const entry of queue.reports) process.stdout.write(`${entry.score.toFixed(1).padStart(5)}  ${entry.reportId.padEnd(44)} ${entry.reasons.slice(0, 3).map((reason) => `${reason.en} (${reason.detail})`).join('; ')}\n`);
      });
    });

  withStoreOptions(fiu.command('scorecards').description('report-quality scorecards per filing institution'))
    .action(async (options: StoreOptions) => {
      await withDatabase(options, async (database) => {
        const store = createFiuStore(database);
        const dissemination = createDisseminationService({ database, fiu: store });
        const feedback = createFeedbackService({ database, fiu: store, disseminatedReportIds: () => dissemination.disseminatedReportIds() });
        for (const card of await feedback.scorecards()) process.stdout.write(`${JSON.stringify(card)}\n`);
      });
    });

  fiu.command('evaluate').description('entity-resolution precision and recall on reports generated from the synthetic corridor (no store)')
    .option('--reports <n>', 'reports to generate', '20000').option('--seed <n>', 'seed', '7')
    .action((options: { reports: string; seed: string }) => {
      const reports = Number(options.reports);
      if (!Number.isInteger(reports) || reports < 10 || reports > 1_000_000) throw new ValidationError('--reports must be an integer from 10 to 1,000,000');
      const started = performance.now();
      const set = buildEvaluationSet({ seed: Number(options.seed), reports });
      const result = resolveEntities(set.reports.flatMap((report) => report.subjects));
      const scores = pairwiseScores(result.entityOf, set.truth);
      process.stdout.write(`${JSON.stringify({ reports, mentions: result.stats.mentions, entities: result.entities.length, parties: new Set(set.truth.values()).size, precision: scores.precision, recall: scores.recall, seconds: Math.round(performance.now() - started) / 1000 })}\n`);
    });
}
