import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildEvaluationSet, entityIdFor, pairwiseScores, resolveEntities, type Mention } from '../src/fiu/index.ts';

const person = (subjectId: string, fields: Partial<Mention> & { fullName: string }): Mention => ({ subjectId, kind: 'person', identifiers: [], addresses: [], ...fields });

describe('FIU entity resolution', () => {
  it('meets precision ≥ 0.98 and recall ≥ 0.95 on synthetic-corridor reports with name variants', () => {
    const { reports, truth } = buildEvaluationSet({ seed: 11, reports: 3_000 });
    const result = resolveEntities(reports.flatMap((report) => report.subjects));
    const scores = pairwiseScores(result.entityOf, truth);
    assert.ok(scores.truePairs > 5_000, `enough recurring subjects to measure (${scores.truePairs} pairs)`);
    assert.ok(scores.precision >= 0.98, `precision ${scores.precision}`);
    assert.ok(scores.recall >= 0.95, `recall ${scores.recall}`);
  });

  it('links accents dropped, surname order changed and a missing second surname when a birth date corroborates', () => {
    const result = resolveEntities([
      person('a', { fullName: 'José Luis Núñez Peña', given: 'José Luis', paternal: 'Núñez', maternal: 'Peña', birthDate: '1980-02-03' }),
      person('b', { fullName: 'NUNEZ PENA, JOSE LUIS', birthDate: '1980-02-03' }),
      person('c', { fullName: 'Jose Luis Nunez', given: 'Jose Luis', paternal: 'Nunez', birthDate: '1980-02-03' }),
    ]);
    assert.equal(new Set(result.entityOf.values()).size, 1);
    const nameEvidence = result.links.flatMap((link) => link.evidence).filter((evidence) => evidence.kind === 'name');
    assert.ok(nameEvidence.length >= 2);
    assert.ok(result.links.every((link) => link.evidence.some((evidence) => evidence.kind === 'birth_date')));
  });

  it('does not link the same name with different CURPs or birth dates, nor through a chain', () => {
    const result = resolveEntities([
      person('a', { fullName: 'Juan Pérez López', identifiers: [{ kind: 'curp', value: 'PELJ800101HCHRPN09' }], birthDate: '1980-01-01' }),
      person('b', { fullName: 'Juan Pérez López', identifiers: [{ kind: 'curp', value: 'PELJ910505HJCRPN01' }], birthDate: '1991-05-05' }),
      // Shares a phone with both: the chain a–c–b must not join two people with different CURPs.
      person('c', { fullName: 'Juan Perez Lopez', identifiers: [{ kind: 'phone', value: '526561234567' }] }),
      person('d', { fullName: 'Juan Pérez López', identifiers: [{ kind: 'phone', value: '526561234567' }, { kind: 'curp', value: 'PELJ800101HCHRPN09' }] }),
      person('e', { fullName: 'Juan Pérez López', identifiers: [{ kind: 'phone', value: '526561234567' }, { kind: 'curp', value: 'PELJ910505HJCRPN01' }] }),
    ]);
    assert.notEqual(result.entityOf.get('a'), result.entityOf.get('b'));
    assert.equal(result.entityOf.get('a'), result.entityOf.get('d'));
    assert.equal(result.entityOf.get('b'), result.entityOf.get('e'));
    assert.ok(result.stats.refusedJoins >= 1);
  });

  it('needs more than a name: same name, nothing else in common, stays apart', () => {
    const result = resolveEntities([person('a', { fullName: 'María Hernández García' }), person('b', { fullName: 'Maria Hernandez Garcia' })]);
    assert.notEqual(result.entityOf.get('a'), result.entityOf.get('b'));
  });

  it('keeps entity ids across runs and honours analyst splits and merges', () => {
    const mentions = [
      person('a', { fullName: 'Ana Torres Ibáñez', identifiers: [{ kind: 'rfc', value: 'TOIA800101AB1' }] }),
      person('b', { fullName: 'Ana Torres Ibanez', identifiers: [{ kind: 'rfc', value: 'TOIA800101AB1' }] }),
      person('c', { fullName: 'Ana Torres', identifiers: [{ kind: 'rfc', value: 'TOIA800101AB1' }] }),
      person('z', { fullName: 'Zoë Miller', identifiers: [{ kind: 'ssn', value: '123456789' }] }),
    ];
    const first = resolveEntities(mentions);
    const entityId = first.entityOf.get('a')!;
    assert.equal(first.entityOf.get('c'), entityId);
    const again = resolveEntities([...mentions].reverse(), {}, { previous: first.entityOf });
    assert.equal(again.entityOf.get('a'), entityId);
    const split = resolveEntities(mentions, { cannotLink: [{ a: 'c', b: 'a' }, { a: 'c', b: 'b' }] }, { previous: first.entityOf });
    assert.equal(split.entityOf.get('a'), entityId, 'the larger part keeps the id');
    assert.notEqual(split.entityOf.get('c'), entityId);
    const merged = resolveEntities(mentions, { mustLink: [{ a: 'a', b: 'z', by: 'ana' }] });
    assert.equal(merged.entityOf.get('z'), merged.entityOf.get('a'));
    assert.ok(merged.links.some((link) => link.evidence.some((evidence) => evidence.kind === 'analyst')));
  });

  it('gives each part of a split a distinct id even when the merged entity held the other mention’s own id', () => {
    const mentions = [person('r#3/s1', { fullName: 'María Gómez Ruiz' }), person('r#4/s1', { fullName: 'Roberto Sánchez Díaz' })];
    // After a merge both mentions hold the id first derived from r#4/s1; the split leaves r#4/s1 alone.
    const held = entityIdFor('r#4/s1');
    const previous = new Map([['r#3/s1', held], ['r#4/s1', held]]);
    const split = resolveEntities(mentions, { cannotLink: [{ a: 'r#3/s1', b: 'r#4/s1' }] }, { previous });
    const ids = split.entities.map((entity) => entity.entityId);
    assert.equal(new Set(ids).size, 2);
    assert.ok(ids.includes(held));
    const rerun = resolveEntities(mentions, { cannotLink: [{ a: 'r#3/s1', b: 'r#4/s1' }] }, { previous });
    assert.deepEqual(rerun.entities.map((entity) => entity.entityId), ids, 'deterministic');
  });
  it('does not compare a common name pairwise: only mentions a birth date or address could link meet', () => {
    // 3,000 different people called José Luis Hernández, each with an own CURP, no birth date or address.
    const crowd = Array.from({ length: 3_000 }, (_, index) => person(`crowd-${index}`, { fullName: 'José Luis Hernández', given: 'José Luis', paternal: 'Hernández', identifiers: [{ kind: 'curp', value: `HELJ${String(index).padStart(6, '0')}HCHRRS01` }] }));
    // Two more who share a birth date, one with the accent dropped: the same person.
    const pair = [
      person('dated-a', { fullName: 'José Luis Hernández', given: 'José Luis', paternal: 'Hernández', birthDate: '1975-05-05' }),
      person('dated-b', { fullName: 'Jose Luis Hernandez', given: 'Jose Luis', paternal: 'Hernandez', birthDate: '1975-05-05' }),
    ];
    const result = resolveEntities([...crowd, ...pair]);
    assert.equal(result.stats.scoredPairs, 1);
    assert.equal(result.entities.length, 3_001);
    assert.equal(result.entityOf.get('dated-a'), result.entityOf.get('dated-b'));
  });
});
