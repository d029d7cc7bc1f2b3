import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectReportKind } from './prepare.ts';

const kindOf = (content: string) => detectReportKind(content)?.kind ?? null;

test('a FinCEN batch is told by its form type code, wherever the filer placed it', () => {
  const early = '<?xml version="1.0"?>\n<fc2:EFilingBatchXML xmlns:fc2="www.fincen.gov/base" ActivityCount="1"><fc2:FormTypeCode>SARX</fc2:FormTypeCode><fc2:Activity/></fc2:EFilingBatchXML>';
  const late = `<EFilingBatchXML><Activity>${'<Party/>'.repeat(5000)}</Activity><FormTypeCode>CTRX</FormTypeCode></EFilingBatchXML>`;
  assert.equal(kindOf(early), 'fincen-sar');
  assert.equal(kindOf(late), 'fincen-ctr');
  assert.equal(kindOf('<EFilingBatchXML><FormTypeCode>8300X</FormTypeCode></EFilingBatchXML>'), null);
});

test('goAML has a root <report> without namespace; SAT notices are told by the namespace of <archivo>', () => {
  assert.equal(kindOf('<!-- filed by Banco Frontera --><report><rentity_id>1</rentity_id></report>'), 'goaml');
  assert.equal(kindOf('<report xmlns="urn:other"><x/></report>'), null);
  assert.equal(kindOf('<?xml version="1.0" encoding="UTF-8"?>\n<archivo xmlns="http://www.uif.shcp.gob.mx/recepcion/veh" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><informe/></archivo>'), 'sat-av-veh');
  assert.equal(kindOf("<av:archivo xmlns:av='http://www.uif.shcp.gob.mx/recepcion/inm'><av:informe/></av:archivo>"), 'sat-av-inm');
  assert.equal(kindOf('<archivo xmlns="http://www.uif.shcp.gob.mx/recepcion/unknown"/>'), null);
});

test('a UIF layout file is told by its 41 fields and report type; anything else is not recognised', () => {
  assert.equal(kindOf(`2${';x'.repeat(40)}\n`), 'uif-inusual');
  assert.equal(kindOf(`1${';x'.repeat(40)}`), 'uif-relevante');
  assert.equal(kindOf(`9${';x'.repeat(40)}`), null);
  assert.equal(kindOf('a;b;c'), null);
  assert.equal(kindOf(''), null);
  assert.equal(kindOf('<'), null);
});
