/**
 * Private set intersection benchmark: two Frontera nodes on loopback HTTP, N × N synthetic
 * subjects of which a given share are the same people (written differently on the US side).
 * Checks the result against the plain intersection of the same match keys and prints one JSON
 * line. Usage: node --import tsx bench/psi.bench.ts [--subjects 100000] [--overlap 0.1] [--kinds rfc,curp,...]
 */
import { parseArgs } from 'node:util';
import { availableParallelism, loadavg } from 'node:os';
import type { Party } from '../src/domain/index.ts';
import { deriveMatchKeys, matchKeyText, MatchKeyKindSchema, screeningNameParser, startLoopbackNetwork, syntheticSubjects, type MatchKeyKind } from '../src/sharing/index.ts';

const { values } = parseArgs({
  options: {
    subjects: { type: 'string', default: '100000' },
    overlap: { type: 'string', default: '0.1' },
    kinds: { type: 'string', default: 'name_birth_date,rfc,curp,clabe,phone' },
  },
});
const subjects = Number(values.subjects);
const overlap = Number(values.overlap);
const kinds: MatchKeyKind[] = values.kinds.split(',').map((kind) => MatchKeyKindSchema.parse(kind));
const shared = Math.round(subjects * overlap);

const generationStarted = performance.now();
const norte = syntheticSubjects({ from: 0, count: subjects, seed: 42, variant: 'mx', prefix: 'norte' });
const sur = syntheticSubjects({ from: subjects - shared, count: subjects, seed: 42, variant: 'us', prefix: 'sur' });
const generationMs = performance.now() - generationStarted;

let bytesOnWire = 0;
const network = await startLoopbackNetwork({
  institutions: [
    { institutionId: 'banco-norte', name: 'Banco del Norte', country: 'MX', subjects: norte },
    { institutionId: 'sur-bank', name: 'Sur Bank', country: 'US', subjects: sur },
  ],
  engine: 'workers',
  observe: (_direction, body) => {
    bytesOnWire += Buffer.byteLength(body);
  },
});

const loadBefore = loadavg()[0];
const cpuBefore = process.cpuUsage();
const started = performance.now();
const session = await network.byId('banco-norte').node.startMatch(
  { peer: 'sur-bank', purposeCode: 'money_laundering', purpose: 'Benchmark of the private set intersection', legalBasis: 'us-314b', keyKinds: kinds },
  'banco-norte.investigator',
);
const elapsedMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const responder = network.byId('sur-bank').node.getSession(session.sessionId);
await network.close();

function plainMatches(own: readonly Party[], other: readonly Party[]): string[] {
  const otherKeys = new Set(other.flatMap((party) => deriveMatchKeys(screeningNameParser, party, kinds).map(matchKeyText)));
  return own.filter((party) => deriveMatchKeys(screeningNameParser, party, kinds).some((key) => otherKeys.has(matchKeyText(key)))).map((party) => party.id).sort();
}
const sameAs = (found: readonly string[] | undefined, expected: readonly string[]) => found !== undefined && found.length === expected.length && found.every((id, index) => id === expected[index]);
const initiatorExact = sameAs(session.outcome?.matchedSubjects?.map((subject) => subject.subjectId), plainMatches(norte, sur));
const responderExact = sameAs(responder.outcome?.matchedSubjects?.map((subject) => subject.subjectId), plainMatches(sur, norte));

const result = {
  benchmark: 'psi',
  subjectsPerSide: subjects,
  sharedPeople: shared,
  keyKinds: kinds,
  keysInitiator: session.outcome?.ownKeyCount,
  keysResponder: responder.outcome?.ownKeyCount,
  matchedSubjectsInitiator: session.outcome?.matchedSubjects?.length,
  matchedSubjectsResponder: responder.outcome?.matchedSubjects?.length,
  exact: initiatorExact && responderExact,
  seconds: Number((elapsedMs / 1000).toFixed(2)),
  // CPU of the whole process (both nodes and their worker threads) during the match.
  cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
  loadAverageBefore: Number(loadBefore?.toFixed(2)),
  megabytesOnWire: Number((bytesOnWire / 1e6).toFixed(1)),
  generationSeconds: Number((generationMs / 1000).toFixed(2)),
  cores: availableParallelism(),
  goalSeconds: 30,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
if (!result.exact) process.exitCode = 1;
