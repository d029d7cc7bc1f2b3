/**
 * Loopback sharing networks and synthetic subjects: what `frontera share demo`, the tests and
 * the benchmark run. Each institution is a real node with its own HTTP server on 127.0.0.1, its
 * own keys and its own audit log; nothing is shared in memory between them.
 */
import type { FastifyInstance } from 'fastify';
import { createMemoryAuditLog, type AuditEntry, type AuditLog } from '../audit/index.ts';
import { clabeCheckDigit, curpCheckDigit, rfcCheckCharacter, type Party } from '../domain/index.ts';
import { createLocalBlindingEngine, createWorkerBlindingEngine, type BlindingEngine } from './engine.ts';
import { screeningNameParser } from './match-keys.ts';
import { generateIdentity, type NodeIdentity } from './messages.ts';
import { createHttpTransport, createSharingServer } from './http.ts';
import { createSharingNode, type SharingNode } from './node.ts';
import type { Investigator, LegalBasis, ParticipantRegistrationInput } from './registry.ts';
import { generateEncryptionKeys, type EncryptionKeys } from './roundtable.ts';

export type LoopbackInstitution = {
  institutionId: string;
  name: string;
  country: string;
  role?: 'institution' | 'fiu' | 'supervisor';
  subjects?: readonly Party[];
  investigators?: Investigator[];
  legalBases?: LegalBasis[];
  /** Registration validity; defaults to one year from the clock's time. */
  registeredAt?: string;
  expiresAt?: string;
};

export type LoopbackNode = {
  institutionId: string;
  node: SharingNode;
  url: string;
  identity: NodeIdentity;
  encryption: EncryptionKeys;
  audit: AuditLog & { entries(): readonly AuditEntry[] };
  registration: ParticipantRegistrationInput;
  server: FastifyInstance;
};

/**
 * Starts one node per institution on loopback ports and registers every institution with every node.
 * @example const network = await startLoopbackNetwork({ institutions: [norte, sur] }); … await network.close();
 */
export async function startLoopbackNetwork(options: {
  institutions: readonly LoopbackInstitution[];
  clock?: () => Date;
  /** 'workers' splits the elliptic-curve work over worker threads (for large sets). */
  engine?: 'local' | 'workers';
  observe?: (direction: 'sent' | 'received', body: string) => void;
  padToMultipleOf?: number;
}): Promise<{ nodes: LoopbackNode[]; byId(institutionId: string): LoopbackNode; close(): Promise<void> }> {
  const clock = options.clock ?? (() => new Date());
  const engines: BlindingEngine[] = [];
  const nodes: LoopbackNode[] = [];
  for (const institution of options.institutions) {
    const engine = options.engine === 'workers' ? createWorkerBlindingEngine() : createLocalBlindingEngine();
    engines.push(engine);
    const identity = generateIdentity(institution.institutionId);
    const encryption = generateEncryptionKeys();
    const audit = createMemoryAuditLog();
    const subjects = institution.subjects ?? [];
    const node = createSharingNode({
      identity,
      encryption,
      audit,
      engine,
      nameParser: screeningNameParser,
      subjects: async () => subjects,
      clock,
      transport: createHttpTransport(options.observe === undefined ? {} : { observe: options.observe }),
      ...(options.padToMultipleOf === undefined ? {} : { padToMultipleOf: options.padToMultipleOf }),
    });
    const server = await createSharingServer({ node });
    const address = await server.listen({ host: '127.0.0.1', port: 0 });
    const registeredAt = institution.registeredAt ?? new Date(clock().getTime() - 86_400_000).toISOString();
    const expiresAt = institution.expiresAt ?? new Date(clock().getTime() + 365 * 86_400_000).toISOString();
    const registration: ParticipantRegistrationInput = {
      institutionId: institution.institutionId,
      name: institution.name,
      country: institution.country,
      role: institution.role ?? 'institution',
      registrationNumber: `R-${institution.institutionId.toUpperCase()}-${registeredAt.slice(0, 4)}`,
      legalBases: institution.legalBases ?? ['us-314b', 'fiu-convened'],
      registeredAt,
      expiresAt,
      identityKey: identity.publicKey,
      encryptionKey: encryption.publicKey,
      endpoint: address,
      investigators: institution.investigators ?? [{ id: `${institution.institutionId}.investigator`, name: `Investigator of ${institution.name}` }],
    };
    nodes.push({ institutionId: institution.institutionId, node, url: address, identity, encryption, audit, registration, server });
  }
  for (const target of nodes) {
    for (const participant of nodes) await target.node.register(participant.registration, 'sharing.administrator');
  }
  await Promise.all(engines.map((engine) => engine.ready()));
  return {
    nodes,
    byId(institutionId) {
      const found = nodes.find((node) => node.institutionId === institutionId);
      if (found === undefined) throw new Error(`no loopback node ${institutionId}`);
      return found;
    },
    async close() {
      await Promise.all(nodes.map((node) => node.server.close()));
      await Promise.all(engines.map((engine) => engine.close()));
    },
  };
}

const GIVEN = ['José Luis', 'María de los Ángeles', 'Juan', 'Guadalupe', 'Francisco', 'Ximena', 'Jesús', 'Verónica', 'Miguel Ángel', 'Rosa', 'Héctor', 'Lucía', 'Ramón', 'Itzel', 'Andrés', 'Beatriz'];
const SURNAMES = ['Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Cruz', 'Flores', 'Gómez', 'Oseguera', 'Núñez', 'Valenzuela', 'Ibarra', 'de la Torre', 'Zúñiga', 'Villarreal', 'Cervantes'];
const STATES = ['DF', 'JC', 'NL', 'SL', 'BC', 'SR', 'CH', 'TS', 'MN', 'GR'];
const LETTERS = 'BCDFGHJKLMNPQRSTVWXYZ';

/** A small deterministic generator (xorshift) so the same seed gives the same subjects. */
function generator(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

function plainUpper(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z]/g, '');
}

/**
 * Synthetic customers with valid RFC, CURP and CLABE check digits. Subject `index` is the same
 * person whichever institution generates it, so two institutions given overlapping index
 * ranges share exactly those people; `variant: 'us'` writes them as a US bank would (no accents,
 * both surnames in one field, formatted identifiers).
 * @example syntheticSubjects({ from: 0, count: 1000, seed: 7, variant: 'mx', prefix: 'norte' })
 */
export function syntheticSubjects(options: { from: number; count: number; seed: number; variant: 'mx' | 'us'; prefix: string }): Party[] {
  const subjects: Party[] = [];
  for (let index = options.from; index < options.from + options.count; index++) {
    const random = generator(options.seed * 1_000_003 + index * 7919 + 17);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const given = pick(GIVEN);
    const paternal = pick(SURNAMES);
    const maternal = pick(SURNAMES);
    const year = 1950 + Math.floor(random() * 50);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const yymmdd = birthDate.slice(2).replace(/-/g, '');
    const stem = `${plainUpper(paternal).slice(0, 1)}${'AEIOU'[index % 5]}${plainUpper(maternal).slice(0, 1)}${plainUpper(given).slice(0, 1)}`;
    const homoclave = `${LETTERS[index % 21]}${(Math.floor(index / 21) % 9) + 1}`;
    const rfcBody = `${stem}${yymmdd}${homoclave}`;
    const rfc = `${rfcBody}${rfcCheckCharacter(rfcBody)}`;
    const curpBody = `${stem}${yymmdd}${index % 2 === 0 ? 'H' : 'M'}${STATES[index % STATES.length]}${LETTERS[index % 21]}${LETTERS[Math.floor(index / 21) % 21]}${LETTERS[Math.floor(index / 441) % 21]}${Math.floor(index / 9261) % 10}`;
    const curp = `${curpBody}${curpCheckDigit(curpBody)}`;
    const clabeBody = `002180${String(index).padStart(11, '0')}`;
    const clabe = `${clabeBody}${clabeCheckDigit(clabeBody)}`;
    const phone = `55${String(10_000_000 + index).slice(-8)}`;
    const us = options.variant === 'us';
    const identifiers: Party['identifiers'] = [
      { kind: 'rfc', value: us ? rfc.toLowerCase() : rfc },
      ...(index % 3 === 0 ? [{ kind: 'curp' as const, value: curp }] : []),
      ...(index % 4 === 0 ? [{ kind: 'clabe' as const, value: clabe }] : []),
      ...(index % 5 === 0 ? [{ kind: 'phone' as const, value: us ? `+52 1 ${phone}` : phone, country: 'MX' }] : []),
    ];
    subjects.push({
      type: 'person',
      id: `${options.prefix}-${index}`,
      name: us ? { given: plainUpper(given) === '' ? given : given.normalize('NFD').replace(/[\u0300-\u036f]/g, ''), paternal: `${paternal} ${maternal}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '') } : { given, paternal, maternal },
      birthDate,
      country: us ? 'US' : 'MX',
      identifiers,
      aliases: [],
    });
  }
  return subjects;
}

/** X25519 keys are generated with the node's identity; re-exported for the CLI. */
export function generateNodeKeys(institutionId: string): { identity: NodeIdentity; encryption: EncryptionKeys } {
  return { identity: generateIdentity(institutionId), encryption: generateEncryptionKeys() };
}
