import { ParseOption, XmlDocument, XmlLibError, XsdValidator, type ErrorDetail } from 'libxml2-wasm';
import { loadOfficialSchema, type SchemaKey } from '../reports/index.ts';
import type { XmlIssue } from '../xml/index.ts';

/**
 * Intake's XSD validation: libxml2 (WASM) with each official schema compiled once per thread and
 * reused for every document, on the calling thread. The schema compile (~0.2 s for the FinCEN
 * batch schema) is paid once instead of per file, and there is no per-call worker start.
 */

/** A DOCTYPE can declare entities (billion laughs, external files): every one is refused before libxml2 sees the text. */
const FORBIDDEN_DECLARATION = /<!(DOCTYPE|ENTITY)/i;
/**
 * No network, no external entities, no entity substitution (the default), and line numbers past
 * 65,535 (a 1,000-activity batch has ~250,000 lines).
 */
const PARSE_OPTIONS = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_BIG_LINES;

const compiled = new Map<SchemaKey, Promise<{ name: string; validator: XsdValidator }>>();

function compile(key: SchemaKey): Promise<{ name: string; validator: XsdValidator }> {
  let pending = compiled.get(key);
  if (pending === undefined) {
    pending = loadOfficialSchema(key).then((schema) => {
      const main = schema.files[0];
      if (main === undefined || schema.files.length > 1) throw new Error(`schema ${schema.name}: intake validates single-file schemas only`);
      const document = XmlDocument.fromString(main.contents, { option: PARSE_OPTIONS });
      try {
        return { name: schema.name, validator: XsdValidator.fromDoc(document) };
      } finally {
        document.dispose();
      }
    });
    compiled.set(key, pending);
  }
  return pending;
}

/** `/fc2:EFilingBatchXML/fc2:Activity[2]/fc2:Party[3]` → the same path without namespace prefixes. */
function withoutPrefixes(path: string): string {
  return path.replace(/\/[\w.-]+:/g, '/');
}

function issueOf(detail: ErrorDetail, fallback: string): XmlIssue {
  const path = detail.xpath ? withoutPrefixes(detail.xpath) : null;
  return {
    line: detail.line > 0 ? detail.line : null,
    path,
    xsdPath: path === null ? null : path.replace(/^\//, '').replace(/\[\d+\]/g, ''),
    message: (detail.message || fallback).trim().replace(/\{[^}]*\}/g, ''),
  };
}

function issuesOf(error: unknown, fallback: string): XmlIssue[] {
  if (error instanceof XmlLibError && error.details.length > 0) return error.details.filter((detail) => detail.level >= 2).map((detail) => issueOf(detail, fallback));
  return [{ line: null, path: null, xsdPath: null, message: `${fallback}: ${error instanceof Error ? error.message : String(error)}` }];
}

/** `readable` is false when the text must not reach a reader: too large, a DTD, or not well-formed. */
export type OfficialValidation = { schemaName: string; readable: boolean; issues: XmlIssue[] };

/**
 * Validates one document against a shipped official schema: size limit, no DTD or entity
 * declaration, well-formedness, then the XSD. Each issue carries its line and element path
 * (`/EFilingBatchXML/Activity[2]/Party[1]/Bogus`), so intake can tell which report it belongs to.
 * @example const { schemaName, issues } = await validateOfficialXml('fincen-sar', xml, 32 * 1024 * 1024); // issues: [] when valid
 */
export async function validateOfficialXml(key: SchemaKey, xml: string, maxBytes: number): Promise<OfficialValidation> {
  const { name, validator } = await compile(key);
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > maxBytes) return { schemaName: name, readable: false, issues: [{ line: null, path: null, xsdPath: null, message: `document is ${bytes} bytes, above the limit of ${maxBytes}` }] };
  const forbidden = FORBIDDEN_DECLARATION.exec(xml);
  if (forbidden) {
    const line = xml.slice(0, forbidden.index).split('\n').length;
    return { schemaName: name, readable: false, issues: [{ line, path: null, xsdPath: null, message: `document declares a ${forbidden[1]!.toUpperCase()}; DTDs and entity declarations are refused` }] };
  }
  let document: XmlDocument;
  try {
    document = XmlDocument.fromString(xml, { option: PARSE_OPTIONS });
  } catch (error) {
    return { schemaName: name, readable: false, issues: issuesOf(error, 'not well-formed XML').map((issue) => ({ ...issue, path: null, xsdPath: null, message: `not well-formed XML: ${issue.message}` })) };
  }
  try {
    validator.validate(document);
    return { schemaName: name, readable: true, issues: [] };
  } catch (error) {
    return { schemaName: name, readable: true, issues: issuesOf(error, `the document does not validate against ${name}`) };
  } finally {
    document.dispose();
  }
}
