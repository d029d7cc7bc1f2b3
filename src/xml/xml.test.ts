import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXmlSecure, buildXml, validateXml, validateXmlBatch, checkXmlSafety } from './index.ts';

const schema = {
  name: 'test schema',
  files: [{
    fileName: 'test.xsd',
    contents: `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="root"><xs:complexType><xs:sequence>
    <xs:element name="item" maxOccurs="unbounded"><xs:complexType><xs:sequence>
      <xs:element name="code"><xs:simpleType><xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction></xs:simpleType></xs:element>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>`,
  }],
};

test('parseXmlSecure refuses DOCTYPE and entity declarations', () => {
  const bomb = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><r>&b;</r>';
  const result = parseXmlSecure(bomb);
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.issues[0]!.message : '', /DOCTYPE/);
  const external = parseXmlSecure('<!DOCTYPE r SYSTEM "file:///etc/passwd"><r/>');
  assert.equal(external.ok, false);
});

test('parseXmlSecure decodes predefined entities and character references once, keeps codes as text', () => {
  const result = parseXmlSecure('<r a="&amp;#233;"><c>00</c><n>Jos&#233; Mu&#xF1;oz &amp; C&#237;a</n></r>');
  assert.ok(result.ok);
  assert.deepEqual(result.value, { r: { c: '00', n: 'José Muñoz & Cía', '@_a': '&#233;' } });
});

test('parseXmlSecure rejects malformed and oversized documents with a line', () => {
  const malformed = parseXmlSecure('<r>\n<a></r>');
  assert.equal(malformed.ok, false);
  assert.equal(!malformed.ok && malformed.issues[0]!.line, 2);
  assert.match(checkXmlSafety('<r>xxxxxxxx</r>', 8)?.message ?? '', /above the limit/);
});

test('buildXml escapes every value and leaves out undefined ones', () => {
  const xml = buildXml({ root: { '@_note': 'a"b<c', item: [{ code: '<&>' }, { code: 'Ñ' }], missing: undefined } });
  assert.match(xml, /note="a&quot;b&lt;c"/);
  assert.match(xml, /<code>&lt;&amp;&gt;<\/code>/);
  assert.doesNotMatch(xml, /missing/);
  const back = parseXmlSecure(xml);
  assert.ok(back.ok);
  assert.deepEqual(back.value, { root: { item: [{ code: '<&>' }, { code: 'Ñ' }], '@_note': 'a"b<c' } });
});

test('validateXml reports line, element path and XSD path', async () => {
  const valid = await validateXml(buildXml({ root: { item: [{ code: 'abc' }] } }), schema);
  assert.deepEqual(valid, { valid: true, issues: [] });
  const invalid = await validateXml(buildXml({ root: { item: [{ code: 'abc' }, { code: 'abcd' }] } }), schema);
  assert.equal(invalid.valid, false);
  const issue = invalid.issues[0]!;
  assert.equal(issue.line, 7);
  assert.equal(issue.path, '/root[1]/item[2]/code[1]');
  assert.equal(issue.xsdPath, 'root/item/code');
  assert.match(issue.message, /maxLength/);
});

test('validateXmlBatch keeps results in order and fails closed on unsafe documents', async () => {
  const good = buildXml({ root: { item: [{ code: 'a' }] } });
  const bad = buildXml({ root: { other: 'x' } });
  const results = await validateXmlBatch([good, bad, '<!DOCTYPE x><root/>', good], schema);
  assert.deepEqual(results.map((r) => r.valid), [true, false, false, true]);
  assert.match(results[2]!.issues[0]!.message, /DOCTYPE/);
});
