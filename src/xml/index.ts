export { parseXmlSecure, checkXmlSafety, decodeXmlText, DEFAULT_MAX_XML_BYTES } from './parse.ts';
export type { XmlIssue, XmlParseResult, SecureParseOptions } from './parse.ts';
export { buildXml, buildOrderedXml } from './build.ts';
export type { XmlNode, XmlValue } from './build.ts';
export { validateXml, validateXmlBatch } from './validate.ts';
export type { XmlSchema, XmlValidationResult } from './validate.ts';
