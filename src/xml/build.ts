import { XMLBuilder } from 'fast-xml-parser';

/** A node for the builder: element name → text, number, node, or array of repeats; `@_x` are attributes. */
export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | number | XmlNode | XmlValue[] | undefined;

// XML 1.0 forbids most C0 control characters even when escaped; a stray one from a source
// system would make the whole batch unreadable, so they are removed before building.
const INVALID_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function sanitize(value: XmlValue): XmlValue {
  if (typeof value === 'string') return value.replace(INVALID_XML_CHARACTERS, '');
  if (Array.isArray(value)) return value.map(sanitize);
  if (value !== undefined && typeof value === 'object') {
    const out: XmlNode = {};
    for (const [key, child] of Object.entries(value)) if (child !== undefined) out[key] = sanitize(child);
    return out;
  }
  return value;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
  processEntities: true,
});

/**
 * Builds an XML document (UTF-8 declaration, two-space indent, one element per line) with every
 * text and attribute value escaped by the builder. Keys whose value is `undefined` are left out,
 * so optional elements are written only when they have a value.
 * @example buildXml({ a: { '@_x': '1', b: 'x < y' } }) // '<?xml …?>\n<a x="1">\n  <b>x &lt; y</b>\n</a>\n'
 */
export function buildXml(root: XmlNode): string {
  const body = builder.build(sanitize(root)) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

const orderedBuilder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  preserveOrder: true,
  format: false,
  suppressEmptyNode: true,
  processEntities: true,
});

/** Rebuilds a document parsed with `parseXmlSecure(xml, { preserveOrder: true })`. */
export function buildOrderedXml(ordered: unknown[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${orderedBuilder.build(ordered) as string}`;
}
