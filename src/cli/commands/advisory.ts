/**
 * `frontera advisory keygen | publish | sign | verify | import | diff`: advisory packages signed
 * by the issuer's Ed25519 key, verified against a key registry before anything is loaded.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { z } from 'zod';
import {
  AdvisoryDocumentSchema, AdvisoryPackageSchema, ISSUERS, KeyRegistrySchema, SecretKeyFileSchema,
  addRegistryKey, buildPackage, createSigningKey, diffPackages, emptyKeyRegistry, formatPackageDiff, registryEntryOf, signPackage, verifyPackage,
  type Issuer, type VerifiedPackage,
} from '../../advisories/index.ts';
import { fieldIssues } from '../../domain/index.ts';
import { ENFORCEMENT_ACTIONS, actionsForTypology, enforcementActionById, formatEnforcementAction } from '../../enforcement/index.ts';
import { IntegrityError, ValidationError } from '../../errors.ts';
import { basename, join } from 'node:path';
import { checkUniqueTypologies, formatTypologyIssues, loadBuiltinTypologies, loadTypologyDirectory, loadTypologyFile, typologyFilesIn, type CompiledTypology } from '../../typologies/index.ts';

const MAX_PACKAGE_BYTES = 4 * 1024 * 1024;

function readJson<T>(path: string, schema: z.ZodType<T>, what: string): T {
  const size = statSync(path).size;
  if (size > MAX_PACKAGE_BYTES) throw new ValidationError(`${path} is ${size} bytes; the limit is ${MAX_PACKAGE_BYTES}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ValidationError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ValidationError(`${path} is not ${what}`, fieldIssues(parsed.error));
  return parsed.data;
}

function readRawJson(path: string): unknown {
  const size = statSync(path).size;
  if (size > MAX_PACKAGE_BYTES) throw new ValidationError(`${path} is ${size} bytes; the limit is ${MAX_PACKAGE_BYTES}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ValidationError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

const writeJson = (path: string, value: unknown): void => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { encoding: 'utf8' });

function isoNow(option: string | undefined): string {
  if (option === undefined) return new Date().toISOString();
  if (Number.isNaN(Date.parse(option))) throw new ValidationError(`--now is not a date-time: ${option}`);
  return new Date(option).toISOString();
}

/** Verifies or throws an IntegrityError carrying the refusal code; prints warnings to stderr. */
function verifyOrRefuse(path: string, registryPath: string, options: { now?: string; allowUnsigned?: boolean }): VerifiedPackage {
  const registry = readJson(registryPath, KeyRegistrySchema, 'a key registry');
  const result = verifyPackage(readRawJson(path), registry, { now: isoNow(options.now), allowUnsigned: options.allowUnsigned === true });
  if (!result.ok) {
    const issues = result.issues.map((issue) => `\n  - ${issue.field}: ${issue.reason}`).join('');
    throw new IntegrityError(`${path}: ${result.reason}${issues}`, { refusal: result.code });
  }
  for (const warning of result.value.warnings) process.stderr.write(`warning: ${warning}\n`);
  return result.value;
}

export function register(program: Command): void {
  const group = program.command('advisory').description('advisory packages: typologies as signed, versioned code from FinCEN, UIF, CNBV …');

  group
    .command('keygen')
    .description('create an Ed25519 signing key for an issuer (and optionally add its public key to a registry)')
    .requiredOption('--issuer <issuer>', `issuer: ${ISSUERS.join(', ')}`)
    .requiredOption('--key-id <id>', 'key id, e.g. fincen-2026-1')
    .requiredOption('--out <file>', 'where to write the secret key (keep it offline)')
    .option('--registry <file>', 'key registry to add the public key to (created when absent)')
    .option('--valid-from <datetime>', 'start of the key validity in the registry', '2025-01-01T00:00:00Z')
    .option('--valid-until <datetime>', 'end of the key validity in the registry')
    .option('--demo', 'mark the key as a demonstration key')
    .action((options: { issuer: string; keyId: string; out: string; registry?: string; validFrom: string; validUntil?: string; demo?: boolean }) => {
      if (!(ISSUERS as readonly string[]).includes(options.issuer)) throw new ValidationError(`unknown issuer '${options.issuer}'`, [{ field: '--issuer', reason: `must be one of ${ISSUERS.join(', ')}` }]);
      if (existsSync(options.out)) throw new ValidationError(`${options.out} exists; refusing to overwrite a key`);
      const key = createSigningKey({ issuer: options.issuer as Issuer, keyId: options.keyId, demo: options.demo === true });
      writeFileSync(options.out, `${JSON.stringify(key, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
      process.stdout.write(`wrote secret key ${key.keyId} (${key.issuer}) to ${options.out}\npublic key ${key.publicKey}\n`);
      if (options.registry) {
        const registry = existsSync(options.registry) ? readJson(options.registry, KeyRegistrySchema, 'a key registry') : emptyKeyRegistry();
        const validity = options.validUntil ? { validFrom: options.validFrom, validUntil: options.validUntil } : { validFrom: options.validFrom };
        writeJson(options.registry, addRegistryKey(registry, key.issuer, registryEntryOf(key, validity)));
        process.stdout.write(`added ${key.keyId} to ${options.registry}\n`);
      }
    });

  group
    .command('publish')
    .description('assemble an unsigned package from an advisory document and the typologies it links')
    .requiredOption('--advisory <file>', 'advisory document JSON')
    .requiredOption('--out <file>', 'where to write the unsigned package')
    .option('--typologies <dir>', 'folder of typology documents (default: the built-in library)')
    .action((options: { advisory: string; out: string; typologies?: string }) => {
      const advisory = readJson(options.advisory, AdvisoryDocumentSchema, 'an advisory document');
      const unknownActions = advisory.enforcementActions.filter((id) => enforcementActionById(id) === undefined);
      if (unknownActions.length > 0) throw new ValidationError(`the advisory links unknown enforcement actions: ${unknownActions.join(', ')}`, unknownActions.map((id) => ({ field: 'enforcementActions', reason: `no enforcement action '${id}'` })));
      const available = (options.typologies ? loadTypologyDirectory(options.typologies) : loadBuiltinTypologies()).map((t) => t.document);
      let unsigned;
      try {
        unsigned = buildPackage(advisory, available);
      } catch (error) {
        throw new ValidationError((error as Error).message, [{ field: 'typologies', reason: (error as Error).message }]);
      }
      writeJson(options.out, unsigned);
      process.stdout.write(`wrote unsigned package ${advisory.id}@${advisory.version} (${unsigned.typologies.length} typologies) to ${options.out}\n`);
    });

  group
    .command('sign')
    .description('sign a package with the issuer\'s secret key')
    .argument('<package>', 'package JSON (unsigned, or signed to re-sign)')
    .requiredOption('--key <file>', 'secret key written by keygen')
    .requiredOption('--expires <datetime>', 'when the package stops being accepted')
    .requiredOption('--out <file>', 'where to write the signed package')
    .option('--signed-at <datetime>', 'signing time (default: now)')
    .action((path: string, options: { key: string; expires: string; out: string; signedAt?: string }) => {
      const pkg = readJson(path, AdvisoryPackageSchema, 'an advisory package');
      const key = readJson(options.key, SecretKeyFileSchema, 'a signing key');
      const signedAt = isoNow(options.signedAt);
      if (Number.isNaN(Date.parse(options.expires))) throw new ValidationError(`--expires is not a date-time: ${options.expires}`);
      let signed;
      try {
        signed = signPackage({ format: pkg.format, advisory: pkg.advisory, typologies: pkg.typologies }, key, { signedAt, expiresAt: new Date(options.expires).toISOString() });
      } catch (error) {
        throw new ValidationError((error as Error).message);
      }
      writeJson(options.out, signed);
      process.stdout.write(`signed ${pkg.advisory.id}@${pkg.advisory.version} with ${key.keyId} → ${options.out}\n`);
    });

  group
    .command('verify')
    .description('verify a package against a key registry (exit 6 and the reason when refused)')
    .argument('<package>', 'package JSON')
    .requiredOption('--registry <file>', 'key registry JSON')
    .option('--now <datetime>', 'verification time (default: now)')
    .option('--allow-unsigned', 'DEVELOPMENT ONLY: accept a package without a signature')
    .action((path: string, options: { registry: string; now?: string; allowUnsigned?: boolean }) => {
      const verified = verifyOrRefuse(path, options.registry, options);
      const { advisory } = verified.package;
      process.stdout.write(`ok  ${advisory.id}@${advisory.version} (${advisory.issuer}) signed by ${verified.key?.keyId ?? '(unsigned)'}; ${verified.typologies.length} typologies: ${verified.typologies.map((t) => `${t.id}@${t.version}`).join(', ')}\n`);
    });

  group
    .command('import')
    .description('verify a package, then install its typologies into a folder the engine loads (scan --typologies DIR)')
    .argument('<package>', 'package JSON')
    .requiredOption('--registry <file>', 'key registry JSON')
    .requiredOption('--into <dir>', 'typology folder')
    .option('--now <datetime>', 'verification time (default: now)')
    .option('--allow-unsigned', 'DEVELOPMENT ONLY: accept a package without a signature')
    .action((path: string, options: { registry: string; into: string; now?: string; allowUnsigned?: boolean }) => {
      const verified = verifyOrRefuse(path, options.registry, options);
      // The folder must still load as a whole after the import: check before writing anything, so
      // that a clash is an error now, not at scan time, and the folder is never left half-written.
      const replaced = new Set(verified.typologies.map((t) => `${t.id}.json`));
      const kept: CompiledTypology[] = [];
      if (existsSync(options.into)) {
        for (const file of typologyFilesIn(options.into)) {
          if (replaced.has(basename(file))) continue;
          const loaded = loadTypologyFile(file);
          if (!loaded.ok) throw new ValidationError(`${file} in the target folder does not load:\n${formatTypologyIssues(loaded.issues)}`, loaded.issues);
          kept.push(loaded.value);
        }
      }
      const clashes = checkUniqueTypologies([...kept, ...verified.typologies]);
      if (clashes.length > 0) throw new ValidationError(`cannot import into ${options.into}: ${clashes.map((issue) => issue.reason).join('; ')}`, clashes);
      for (const other of kept) {
        if (verified.typologies.some((t) => t.id === other.id)) process.stderr.write(`warning: ${options.into} also holds ${other.id}@${other.version} in another file; both versions will run\n`);
      }
      mkdirSync(join(options.into, 'advisories'), { recursive: true });
      for (const typology of verified.typologies) {
        writeJson(join(options.into, `${typology.id}.json`), typology.document);
      }
      const { advisory } = verified.package;
      // The verified package is kept beside the typologies (in a subfolder the loader does not read) as provenance.
      writeJson(join(options.into, 'advisories', `${advisory.id}@${advisory.version}.package.json`), verified.package);
      process.stdout.write(`imported ${advisory.id}@${advisory.version}: ${verified.typologies.map((t) => `${t.id}@${t.version}`).join(', ')} → ${options.into}\n`);
    });

  group
    .command('enforcement')
    .description('public enforcement actions as guidance: control failures, red flags and the typologies that would have caught them')
    .option('--typology <id>', 'only the actions a typology would have helped with')
    .option('--lang <lang>', 'en or es', 'en')
    .option('--json', 'print JSON')
    .action((options: { typology?: string; lang: string; json?: boolean }) => {
      if (options.lang !== 'en' && options.lang !== 'es') throw new ValidationError(`--lang must be en or es, not '${options.lang}'`);
      const actions = options.typology ? actionsForTypology(options.typology) : [...ENFORCEMENT_ACTIONS];
      if (options.json) {
        process.stdout.write(`${JSON.stringify(actions)}\n`);
        return;
      }
      process.stdout.write(`${actions.map((action) => formatEnforcementAction(action, options.lang as 'en' | 'es')).join('\n\n')}\n`);
    });

  group
    .command('diff')
    .description('readable diff between two versions of a package')
    .argument('<before>', 'older package JSON')
    .argument('<after>', 'newer package JSON')
    .option('--json', 'print the diff as JSON')
    .action((before: string, after: string, options: { json?: boolean }) => {
      const left = readJson(before, AdvisoryPackageSchema, 'an advisory package');
      const right = readJson(after, AdvisoryPackageSchema, 'an advisory package');
      const diff = diffPackages(left, right);
      process.stdout.write(options.json ? `${JSON.stringify(diff)}\n` : `${formatPackageDiff(diff)}\n`);
    });
}
