import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Where an XML problem is: 1-based line (when known), element path and a plain-words reason. */
export type XmlIssue = {
  /** 1-based line in the document, or null when the parser could not tell. */
  line: number | null;
  /** Element path with positions, e.g. `/EFilingBatchXML/Activity[1]/Party[3]/PartyName[1]`. */
  path: string | null;
  /** The same path by element names only, as the XSD declares them: `EFilingBatchXML/Activity/Party/PartyName`. */
  xsdPath: string | null;
  message: string;
};

export type XmlParseResult<T> = { ok: true; value: T } | { ok: false; issues: XmlIssue[] };

/** 32 MiB: larger than any single regulatory batch Frontera writes or reads. */
export const DEFAULT_MAX_XML_BYTES = 32 * 1024 * 1024;

export type SecureParseOptions = {
  maxBytes?: number;
  /** Keep document order (needed to rebuild a document without loss). */
  preserveOrder?: boolean;
  /** Drop namespace prefixes from element names. */
  removeNamespacePrefix?: boolean;
};

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes the five predefined XML entities and numeric character references in one pass,
 * so `&amp;#233;` stays the literal text `&#233;`. No other entity is known: there is no DTD.
 * @example decodeXmlText('caf&#233; &amp; bar') === 'café & bar'
 */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return safeCodePoint(Number.parseInt(body.slice(2), 16)) ?? whole;
    if (body.startsWith('#')) return safeCodePoint(Number.parseInt(body.slice(1), 10)) ?? whole;
    return NAMED_ENTITIES[body] ?? whole;
  });
}

function safeCodePoint(code: number): string | null {
  if (!Number.isInteger(code) || code < 1 || code > 0x10ffff) return null;
  return String.fromCodePoint(code);
}

/** A DOCTYPE can declare entities (billion laughs, external files): Frontera refuses every one. */
const FORBIDDEN_DECLARATION = /<!(DOCTYPE|ENTITY)/i;

/**
 * Checks size, refuses any DOCTYPE or ENTITY declaration and checks well-formedness.
 * Returns `null` when the text may be parsed or handed to a validator.
 * @example checkXmlSafety('<a/>') === null
 */
export function checkXmlSafety(xml: string, maxBytes: number = DEFAULT_MAX_XML_BYTES): XmlIssue | null {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > maxBytes) return { line: null, path: null, xsdPath: null, message: `document is ${bytes} bytes, above the limit of ${maxBytes}` };
  const forbidden = FORBIDDEN_DECLARATION.exec(xml);
  if (forbidden) {
    const line = xml.slice(0, forbidden.index).split('\n').length;
    return { line, path: null, xsdPath: null, message: `document declares a ${forbidden[1]!.toUpperCase()}; DTDs and entity declarations are refused` };
  }
  const wellFormed = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (wellFormed !== true) {
    return { line: wellFormed.err.line, path: null, xsdPath: null, message: `not well-formed XML: ${wellFormed.err.msg}` };
  }
  return null;
}

/**
 * Parses XML with a secure configuration: size limit, no DTD, no entity declarations, only the
 * predefined entities and character references decoded, values kept as text (codes such as
 * "00" keep their zeros). Attributes are keys prefixed with `@_`, text is `#text`.
 * @example
 * const result = parseXmlSecure('<a x="1">caf&#233;</a>');
 * // result.ok && result.value → { a: { '#text': 'café', '@_x': '1' } }
 */
export function parseXmlSecure(xml: string, options: SecureParseOptions = {}): XmlParseResult<Record<string, unknown> | unknown[]> {
  const problem = checkXmlSafety(xml, options.maxBytes);
  if (problem) return { ok: false, issues: [problem] };
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    preserveOrder: options.preserveOrder ?? false,
    removeNSPrefix: options.removeNamespacePrefix ?? false,
    tagValueProcessor: (_name, value) => decodeXmlText(value),
    attributeValueProcessor: (_name, value) => decodeXmlText(value),
  });
  try {
    return { ok: true, value: parser.parse(xml) as Record<string, unknown> | unknown[] };
  } catch (error) {
    return { ok: false, issues: [{ line: null, path: null, xsdPath: null, message: `XML could not be parsed: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
