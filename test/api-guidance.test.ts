import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from './api-harness.ts';

describe('API: guidance (enforcement actions and verified advisories)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  test('GET /api/v1/enforcement-actions lists the library with penalties, control failures and typologies', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/v1/enforcement-actions', headers: { cookie: h.cookieFor.law_enforcement_investigator } });
    assert.equal(response.statusCode, 200);
    const actions = response.json().enforcementActions as Array<Record<string, unknown>>;
    const td = actions.find((action) => action.id === 'td-bank-2024');
    assert.ok(td, 'td-bank-2024 is listed');
    assert.deepEqual(Object.keys(td).sort(), ['actionType', 'authority', 'controlFailures', 'country', 'date', 'id', 'institution', 'institutionKind', 'penalty', 'redFlags', 'sources', 'summary', 'typologies']);
    assert.deepEqual(td.authority, ['FinCEN', 'U.S. Department of Justice', 'OCC', 'Federal Reserve']);
    assert.equal(td.date, '2024-10-10');
    assert.equal(td.institution, 'TD Bank, N.A. and TD Bank US Holding Company');
    assert.equal(td.actionType, 'guilty_plea');
    const penalty = td.penalty as { amountMinor: number; currency: string; note: { en: string; es: string } };
    assert.equal(penalty.amountMinor, 309_000_000_000);
    assert.equal(penalty.currency, 'USD');
    assert.match(penalty.note.es, /1,300 millones/);
    assert.deepEqual(td.typologies, ['funnel-account', 'rapid-pass-through', 'structuring-ctr', 'bulk-cash']);
    const failures = td.controlFailures as Array<{ en: string; es: string }>;
    assert.equal(failures.length, 3);
    assert.match(failures[0]!.en, /large majority of transaction volume unmonitored/);
    assert.match(failures[0]!.es, /monitoreo de operaciones/);
  });

  test('GET /api/v1/advisories lists the shipped example package, verified under the demo key', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/v1/advisories', headers: { cookie: h.cookieFor.institution_analyst } });
    assert.equal(response.statusCode, 200);
    const advisories = response.json().advisories as Array<Record<string, unknown>>;
    assert.equal(advisories.length, 1);
    const advisory = advisories[0]!;
    assert.deepEqual(Object.keys(advisory).sort(), ['date', 'enforcementActions', 'id', 'issuer', 'kind', 'redFlags', 'sarKeyTerm', 'signature', 'summary', 'title', 'typologies', 'version', 'warnings']);
    assert.equal(advisory.id, 'FIN-2025-A003');
    assert.equal(advisory.version, '1.0.0');
    assert.equal(advisory.issuer, 'FinCEN');
    assert.equal(advisory.kind, 'advisory');
    assert.equal(advisory.date, '2025-08-28');
    assert.equal(advisory.sarKeyTerm, 'CMLN-2025-A003');
    assert.match((advisory.title as { en: string }).en, /^FinCEN Advisory on the Use of Chinese Money Laundering Networks/);
    assert.match((advisory.title as { es: string }).es, /^Aviso de FinCEN/);
    assert.deepEqual(advisory.typologies, [
      { id: 'cmln-mirror-swap', version: '1.0.0' },
      { id: 'tbml-mirror', version: '1.0.0' },
      { id: 'casa-de-cambio-concentration', version: '1.0.0' },
      { id: 'cycle', version: '1.0.0' },
    ]);
    assert.deepEqual(advisory.enforcementActions, ['fincen-2313a-orders-2025', 'wachovia-2010']);
    assert.equal((advisory.redFlags as unknown[]).length, 4);
    assert.deepEqual(advisory.signature, { keyId: 'fincen-demo-2025', signedAt: '2025-08-28T12:00:00.000Z', expiresAt: '2027-08-28T00:00:00.000Z', demo: true });
    assert.match((advisory.warnings as string[]).join('\n'), /DEMONSTRATION key/);
  });

  test('both routes refuse without credentials', async () => {
    for (const url of ['/api/v1/enforcement-actions', '/api/v1/advisories']) {
      const response = await h.app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 401, url);
    }
  });
});
