/**
 * Reading typology documents from files (the thin I/O edge of the typology module). Built-in
 * typologies live in `library/` and load through exactly the same validation as user files.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '../errors.ts';
import { checkUniqueTypologies, formatTypologyIssues, loadTypology, type CompiledTypology, type LoadResult } from './loader.ts';

/** Largest typology document accepted. */
export const MAX_TYPOLOGY_FILE_BYTES = 256 * 1024;

/** Folder of the built-in typology library. */
export const BUILTIN_TYPOLOGY_DIRECTORY = fileURLToPath(new URL('./library/', import.meta.url));

/**
 * Reads and validates one typology file; JSON syntax errors and size limits are issues too.
 * @example const result = loadTypologyFile('my-typology.json'); if (!result.ok) console.error(result.issues);
 */
export function loadTypologyFile(path: string): LoadResult {
  const size = statSync(path).size;
  if (size > MAX_TYPOLOGY_FILE_BYTES) return { ok: false, issues: [{ field: '(file)', reason: `is ${size} bytes; the limit is ${MAX_TYPOLOGY_FILE_BYTES}` }] };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, issues: [{ field: '(file)', reason: `is not valid JSON: ${(error as Error).message}` }] };
  }
  return loadTypology(json);
}

/** The `.json` files of a folder, sorted by name. */
export function typologyFilesIn(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(directory, name));
}

/**
 * Loads every typology of a folder; throws a ValidationError listing each faulty file and
 * expression, because an engine must never run with a typology silently missing.
 */
export function loadTypologyDirectory(directory: string): CompiledTypology[] {
  const typologies: CompiledTypology[] = [];
  const problems: string[] = [];
  const issues: Array<{ field: string; reason: string }> = [];
  for (const path of typologyFilesIn(directory)) {
    const result = loadTypologyFile(path);
    if (result.ok) typologies.push(result.value);
    else {
      problems.push(`${path}:\n${formatTypologyIssues(result.issues)}`);
      for (const issue of result.issues) issues.push({ field: `${path} ${issue.field}`, reason: issue.reason });
    }
  }
  for (const issue of checkUniqueTypologies(typologies)) {
    problems.push(issue.reason);
    issues.push(issue);
  }
  if (problems.length > 0) throw new ValidationError(`invalid typologies:\n${problems.join('\n')}`, issues);
  return typologies;
}

/**
 * The built-in library.
 * @example const engine = createEngine({ typologies: loadBuiltinTypologies() });
 */
export function loadBuiltinTypologies(): CompiledTypology[] {
  return loadTypologyDirectory(BUILTIN_TYPOLOGY_DIRECTORY);
}
