import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_FILER_PROFILE, prepareServices } from '../src/api/index.ts';
import { DEMO_AGENCY, prepareDemoCorridor, seedDemoFiuHub } from '../src/demo/index.ts';
import type { Alert } from '../src/domain/index.ts';
import { createEngine } from '../src/engine/index.ts';
import { openDatabase } from '../src/store/index.ts';
import { loadBuiltinTypologies } from '../src/typologies/index.ts';

test('the demo FIU hub receives SARs on the most alerted subjects, links them, and disseminates one package to the demo agency, once', async () => {
  const demo = prepareDemoCorridor({ seed: 7, transactions: 12_000, days: 30, liveShare: 0 });
  const typologies = loadBuiltinTypologies();
  const engine = createEngine({ typologies });
  const alerts: Alert[] = demo.history.flatMap((transaction) => engine.process(transaction).alerts);
  assert.ok(alerts.length >= 10, `only ${alerts.length} alerts`);
  const database = await openDatabase({ dataDirectory: 'memory://' });
  try {
    const hub = (await prepareServices(database)).fiu!;
    const options = { hub, demo, alerts, typologies: typologies.map((typology) => typology.document), filerProfile: DEMO_FILER_PROFILE, filerId: 'banco-frontera', investigator: { username: 'lena.investigator', displayName: 'Lena' }, reports: 12, clock: () => new Date('2026-03-10T12:00:00Z') };
    const first = await seedDemoFiuHub(options);
    assert.equal(first.skipped, false);
    assert.equal(first.files, 2, 'twelve SARs in files of six');
    assert.equal(first.reports, 12, 'every rendered SAR passes intake');
    const { reports, total } = await hub.queries.listReports({ limit: 100, offset: 0 });
    assert.equal(total, 12);
    assert.ok(reports.every((report) => report.kind === 'fincen-sar' && report.subjectCount >= 1));
    // Continuing-activity SARs put the same subject in two reports: fewer entities than subject mentions.
    const mentions = reports.reduce((sum, report) => sum + report.subjectCount, 0);
    assert.ok(first.entities < mentions, `${first.entities} entities for ${mentions} mentions`);
    assert.deepEqual((await hub.queries.filesOf('banco-frontera', 10)).map((file) => file.status), ['accepted', 'accepted']);
    const [agency] = await hub.queries.listAgencies();
    assert.deepEqual(agency, { ...DEMO_AGENCY, investigators: 1 });
    const packages = await hub.dissemination.packagesFor({ userId: 'lena.investigator', purpose: 'Demo walkthrough of the package', time: '2026-03-10T12:00:00Z' });
    assert.equal(packages.length, 1);
    assert.equal(packages[0]!.reportIds.length, first.disseminated);
    assert.ok(first.disseminated >= 1 && first.disseminated <= 5);

    const again = await seedDemoFiuHub(options);
    assert.deepEqual(again, { files: 0, reports: 12, entities: 0, disseminated: 0, skipped: true });
    assert.equal((await hub.queries.listDisseminations(10)).length, 1);
    assert.equal((await hub.queries.investigatorsOf(DEMO_AGENCY.agencyId)).length, 1);
  } finally {
    await database.close();
  }
});
