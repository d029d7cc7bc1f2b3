import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ForbiddenError } from '../src/errors.ts';
import { addShares, MODULUS, splitIntoShares, startLoopbackNetwork, syntheticSubjects, totalsFromPartialSums, type RandomWords, type SessionSummary } from '../src/sharing/index.ts';

describe('shared case over matched subjects', () => {
  let network: Awaited<ReturnType<typeof startLoopbackNetwork>>;
  let session: SessionSummary;
  before(async () => {
    network = await startLoopbackNetwork({
      institutions: [
        { institutionId: 'norte', name: 'Banco del Norte', country: 'MX', subjects: syntheticSubjects({ from: 0, count: 40, seed: 9, variant: 'mx', prefix: 'norte' }), investigators: [{ id: 'ana', name: 'Ana Treviño' }, { id: 'raul', name: 'Raúl Garza' }] },
        { institutionId: 'sur', name: 'Sur Bank', country: 'US', subjects: syntheticSubjects({ from: 30, count: 40, seed: 9, variant: 'us', prefix: 'sur' }), investigators: [{ id: 'beth', name: 'Beth Miller' }] },
      ],
    });
    session = await network.byId('norte').node.startMatch({ peer: 'sur', purposeCode: 'money_laundering', purpose: 'Funnel accounts across the border', legalBasis: 'us-314b' }, 'ana');
  });
  after(async () => network.close());

  it('opens a case on matched subjects, exchanges entries, and limits access to the named investigators', async () => {
    const norte = network.byId('norte').node;
    const sur = network.byId('sur').node;
    const handles = session.outcome!.matchedSubjects!.flatMap((subject) => subject.handles);
    assert.equal(session.outcome!.matchedSubjects!.length, 10);
    const opened = await norte.cases.open({ sessionId: session.sessionId, investigators: ['ana'], title: 'Funnel accounts Laredo–Monterrey' }, 'ana');
    assert.deepEqual(opened.investigators, { norte: ['ana'], sur: ['beth'] });
    assert.deepEqual(new Set(opened.handles), new Set(handles));
    const handle = opened.handles[0]!;
    assert.deepEqual(opened.ownSubjectsByHandle[handle]?.length, 1);

    await norte.cases.addEntry(opened.caseId, { kind: 'note', subjectHandle: handle, text: 'Cash deposits below USD 10,000 at four branches in Laredo, withdrawn in Monterrey the same week.' }, 'ana');
    await sur.cases.addEntry(
      opened.caseId,
      { kind: 'transaction', subjectHandle: handle, transaction: { id: 'T-1', time: '2026-03-02T15:00:00Z', amountMinor: 950000, currency: 'USD', channel: 'cash_deposit', originator: { country: 'US' }, beneficiary: { country: 'US' } } },
      'beth',
    );
    const seenBySur = await sur.cases.view(opened.caseId, 'beth');
    const seenByNorte = await norte.cases.view(opened.caseId, 'ana');
    assert.deepEqual(seenBySur.entries.map((entry) => entry.kind), ['note', 'transaction']);
    assert.deepEqual(seenByNorte.entries.map((entry) => entry.kind), ['note', 'transaction']);
    assert.deepEqual(seenBySur.ownSubjectsByHandle[handle]?.map((id) => id.startsWith('sur-')), [true], 'each side sees only its own subject behind a handle');

    await assert.rejects(norte.cases.view(opened.caseId, 'raul'), ForbiddenError, 'a registered investigator not named on the case');
    await assert.rejects(sur.cases.view(opened.caseId, 'ana'), ForbiddenError, 'the other side’s investigator on this side');
    await assert.rejects(norte.cases.addEntry(opened.caseId, { kind: 'note', subjectHandle: 'f'.repeat(32), text: 'not a matched subject' }, 'ana'), ForbiddenError);
    assert.ok(network.byId('norte').audit.entries().some((entry) => entry.action === 'sharing.case.access-denied' && entry.actor === 'raul'));
    assert.ok(network.byId('sur').audit.entries().some((entry) => entry.action === 'sharing.case.entry-received'));
  });

  it('refuses a case on subjects that did not match', async () => {
    await assert.rejects(network.byId('norte').node.cases.open({ sessionId: session.sessionId, handles: ['0'.repeat(32)], investigators: ['ana'], title: 'Fishing' }, 'ana'), ForbiddenError);
  });
});

describe('roundtable statistics by additive secret sharing', () => {
  it('splits into shares that sum to the count and whose totals are exact', () => {
    const counts = [0n, 7n, 123_456_789n, 2n ** 52n];
    const shares = splitIntoShares(counts, 4);
    assert.equal(shares.length, 4);
    assert.deepEqual(addShares(shares), counts);
    assert.notDeepEqual(shares[0], counts);
    assert.throws(() => splitIntoShares(counts, 2), /at least 3/);
  });

  it('gives any single participant a view consistent with every other contribution', () => {
    // Three institutions X, Y, P. P's view: the shares X and Y sent it, and the three published sums.
    const fixed: RandomWords = (() => {
      let state = 0x9e3779b97f4a7c15n;
      return (count) => Array.from({ length: count }, () => (state = (state * 6364136223846793005n + 1442695040888963407n) % MODULUS));
    })();
    const x = splitIntoShares([40n], 3, fixed);
    const y = splitIntoShares([60n], 3, fixed);
    const p = splitIntoShares([5n], 3, fixed);
    const published = (sx: bigint[][], sy: bigint[][]) => [0, 1, 2].map((holder) => addShares([sx[holder]!, sy[holder]!, p[holder]!]));
    const viewOfP = (sx: bigint[][], sy: bigint[][]) => ({ fromX: sx[2], fromY: sy[2], published: published(sx, sy) });
    // Another world: X contributed 1 and Y 99 (same total). Move the difference through the share held by Y.
    const delta = 39n;
    const x2 = x.map((share, holder) => (holder === 1 ? [(share[0]! - delta + MODULUS) % MODULUS] : share));
    const y2 = y.map((share, holder) => (holder === 1 ? [(share[0]! + delta) % MODULUS] : share));
    assert.deepEqual(addShares(x2), [1n]);
    assert.deepEqual(addShares(y2), [99n]);
    assert.deepEqual(viewOfP(x2, y2), viewOfP(x, y), 'P sees exactly the same messages whether X counted 40 or 1');
    assert.deepEqual(totalsFromPartialSums(published(x, y)), [105]);
  });

  it('runs between an FIU and three institutions on loopback and shows only totals to all', async () => {
    const network = await startLoopbackNetwork({
      institutions: [
        { institutionId: 'uif', name: 'Unidad de Inteligencia Financiera', country: 'MX', role: 'fiu' },
        { institutionId: 'norte', name: 'Banco del Norte', country: 'MX' },
        { institutionId: 'sur', name: 'Sur Bank', country: 'US' },
        { institutionId: 'centro', name: 'Casa de Cambio Centro', country: 'MX' },
      ],
    });
    try {
      const cells = [
        { typology: 'funnel-account', corridor: 'US-TX→MX-NL', measure: 'alerts' as const },
        { typology: 'funnel-account', corridor: 'US-TX→MX-NL', measure: 'reports' as const },
        { typology: 'cmln-2025-a003', corridor: 'US-CA→MX-SI', measure: 'alerts' as const },
      ];
      const participants = ['norte', 'sur', 'centro'];
      await network.byId('uif').node.roundtables.convene({ roundtableId: 'roundtable-2026-q1', title: 'Q1 2026 corridor roundtable', participants, cells, periodStart: '2026-01-01', periodEnd: '2026-03-31', openedAt: '2026-04-02T10:00:00Z' }, 'uif.analyst');
      const contributions: Record<string, number[]> = { norte: [120, 14, 3], sur: [80, 9, 11], centro: [5, 1, 0] };
      await Promise.all(participants.map((id) => network.byId(id).node.roundtables.contribute('roundtable-2026-q1', contributions[id], `${id}.investigator`)));
      for (const node of network.nodes) await node.node.settled();
      for (const node of network.nodes) await node.node.settled();
      for (const id of ['uif', ...participants]) {
        const view = network.byId(id).node.roundtables.view('roundtable-2026-q1');
        assert.equal(view.status, 'completed', `${id} has the totals`);
        assert.deepEqual(view.totals?.map((cell) => cell.total), [205, 24, 14]);
        assert.equal((view.chart?.es['yAxis'] as { name: string }).name, 'conteo');
      }
      const uifAudit = network.byId('uif').audit.entries().map((entry) => entry.action);
      assert.ok(uifAudit.includes('sharing.roundtable.convened') && uifAudit.includes('sharing.roundtable.totals'));
      await assert.rejects(network.byId('norte').node.roundtables.contribute('roundtable-2026-q1', [1, 1, 1], 'norte.investigator'), /already contributed/);
    } finally {
      await network.close();
    }
  });

  it('refuses a roundtable convened by an institution that is not an FIU or supervisor', async () => {
    const network = await startLoopbackNetwork({
      institutions: [
        { institutionId: 'norte', name: 'Banco del Norte', country: 'MX' },
        { institutionId: 'sur', name: 'Sur Bank', country: 'US' },
        { institutionId: 'centro', name: 'Casa de Cambio Centro', country: 'MX' },
      ],
    });
    try {
      await assert.rejects(
        network.byId('norte').node.roundtables.convene({ roundtableId: 'roundtable-x', title: 'x', participants: ['norte', 'sur', 'centro'], cells: [{ typology: 't', corridor: 'c', measure: 'alerts' }], periodStart: '2026-01-01', periodEnd: '2026-03-31', openedAt: '2026-04-02T10:00:00Z' }, 'someone'),
        ForbiddenError,
      );
    } finally {
      await network.close();
    }
  });
});
