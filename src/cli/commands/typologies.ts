/**
 * `frontera typologies list | show ID | validate FILE…`.
 */
import type { Command } from 'commander';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { formatTypologyIssues, loadBuiltinTypologies, loadTypologyDirectory, loadTypologyFile } from '../../typologies/index.ts';

export function register(program: Command): void {
  const group = program.command('typologies').description('list, show and validate typology documents');
  group
    .command('list')
    .description('list the typologies (built-in unless --dir is given)')
    .option('--dir <dir>', 'a folder of typology documents instead of the built-in library')
    .option('--json', 'print JSON')
    .action((options: { dir?: string; json?: boolean }) => {
      const typologies = options.dir ? loadTypologyDirectory(options.dir) : loadBuiltinTypologies();
      if (options.json) {
        const rows = typologies.map((t) => ({ id: t.id, version: t.version, jurisdiction: t.document.jurisdiction, patterns: t.document.patterns, name: t.document.name }));
        process.stdout.write(`${JSON.stringify(rows)}\n`);
        return;
      }
      for (const t of typologies) {
        process.stdout.write(`${t.id.padEnd(22)}${t.version.padEnd(8)}${t.document.jurisdiction.padEnd(6)}${t.document.name.en}\n`);
      }
    });
  group
    .command('show')
    .description('print one typology document')
    .argument('<id>', 'typology id')
    .option('--dir <dir>', 'a folder of typology documents instead of the built-in library')
    .action((id: string, options: { dir?: string }) => {
      const typologies = options.dir ? loadTypologyDirectory(options.dir) : loadBuiltinTypologies();
      const found = typologies.find((t) => t.id === id);
      if (!found) throw new NotFoundError(`no typology '${id}'; known: ${typologies.map((t) => t.id).join(', ')}`);
      process.stdout.write(`${JSON.stringify(found.document, null, 2)}\n`);
    });
  group
    .command('validate')
    .description('check typology documents: schema, every expression (with line:column), thresholds')
    .argument('<files...>', 'typology JSON files')
    .action((files: string[]) => {
      const issues: Array<{ field: string; reason: string }> = [];
      for (const file of files) {
        const result = loadTypologyFile(file);
        if (result.ok) {
          process.stdout.write(`ok       ${file} (${result.value.id}@${result.value.version}, ${result.value.rules.length} rules)\n`);
        } else {
          process.stdout.write(`invalid  ${file}\n${formatTypologyIssues(result.issues)}\n`);
          for (const issue of result.issues) issues.push({ field: `${file} ${issue.field}`, reason: issue.reason });
        }
      }
      if (issues.length > 0) throw new ValidationError(`${issues.length} problem(s) in typology documents`);
    });
}
