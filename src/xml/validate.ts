import { validateXML } from 'xmllint-wasm';
import { SaxesParser } from 'saxes';
import { checkXmlSafety, type XmlIssue } from './parse.ts';

/** An XSD (and the files it imports, if any), loaded as text. The first file is the main schema. */
export type XmlSchema = {
  /** A name for messages, e.g. "FinCEN SAR batch 1.2". */
  name: string;
  files: ReadonlyArray<{ fileName: string; contents: string }>;
};

export type XmlValidationResult = { valid: true; issues: [] } | { valid: false; issues: XmlIssue[] };

/** Documents per xmllint run: each run costs a worker start (~0.1 s), so documents are batched. */
const DOCUMENTS_PER_RUN = 200;
const MAX_MEMORY_PAGES = 8192; // 512 MiB of WASM memory for a run of large batches

/**
 * Validates one document against an XSD (libxml2 compiled to WASM; XSD 1.0). The document is
 * first checked for size, DTD/entity declarations and well-formedness (fail closed).
 * @example
 * const result = await validateXml(xml, { name: 'goAML 5.0.2', files: [{ fileName: 'goAMLSchema.xsd', contents: xsdText }] });
 * if (!result.valid) for (const issue of result.issues) console.log(issue.line, issue.xsdPath, issue.message);
 */
export async function validateXml(xml: string, schema: XmlSchema): Promise<XmlValidationResult> {
  const [result] = await validateXmlBatch([xml], schema);
  return result!;
}

/**
 * Validates many documents against one XSD in few validator runs; results are in input order.
 * @example const results = await validateXmlBatch([xmlA, xmlB], schema); // results[1].valid
 */
export async function validateXmlBatch(xmls: readonly string[], schema: XmlSchema): Promise<XmlValidationResult[]> {
  const [main, ...rest] = schema.files;
  if (!main) throw new Error(`schema ${schema.name} has no files`);
  const results: XmlValidationResult[] = new Array(xmls.length);
  const pending: number[] = [];
  xmls.forEach((xml, index) => {
    const problem = checkXmlSafety(xml);
    if (problem) results[index] = { valid: false, issues: [problem] };
    else pending.push(index);
  });
  for (let start = 0; start < pending.length; start += DOCUMENTS_PER_RUN) {
    const chunk = pending.slice(start, start + DOCUMENTS_PER_RUN);
    const run = await validateXML({
      xml: chunk.map((index) => ({ fileName: `document-${index}.xml`, contents: xmls[index]! })),
      schema: [{ fileName: main.fileName, contents: main.contents }],
      preload: rest.map((file) => ({ fileName: file.fileName, contents: file.contents })),
      maxMemoryPages: MAX_MEMORY_PAGES,
    });
    const byDocument = parseValidatorOutput(run.rawOutput);
    for (const index of chunk) {
      const outcome = byDocument.get(index);
      if (outcome?.validates === true && outcome.messages.length === 0) {
        results[index] = { valid: true, issues: [] };
        continue;
      }
      const messages = outcome?.messages ?? [];
      const issues = messages.length > 0
        ? locateIssues(xmls[index]!, messages)
        : [{ line: null, path: null, xsdPath: null, message: `the validator did not confirm the document against ${schema.name}` }];
      results[index] = { valid: false, issues };
    }
  }
  return results;
}

type RawMessage = { line: number | null; text: string };
type DocumentOutcome = { validates: boolean; messages: RawMessage[] };

function parseValidatorOutput(output: string): Map<number, DocumentOutcome> {
  const outcomes = new Map<number, DocumentOutcome>();
  const get = (index: number): DocumentOutcome => {
    let outcome = outcomes.get(index);
    if (!outcome) outcomes.set(index, (outcome = { validates: false, messages: [] }));
    return outcome;
  };
  for (const line of output.split('\n')) {
    const verdict = /^document-(\d+)\.xml (validates|fails to validate)$/.exec(line.trim());
    if (verdict) {
      get(Number(verdict[1])).validates = verdict[2] === 'validates';
      continue;
    }
    const message = /^document-(\d+)\.xml:(\d+): (.*)$/.exec(line);
    if (message) get(Number(message[1])).messages.push({ line: Number(message[2]) || null, text: message[3]!.replace(/^(Schemas validity|parser) error : /, '') });
  }
  return outcomes;
}

const ELEMENT_IN_MESSAGE = /^(?:element \S+: )?(?:Schemas validity error : )?Element '(?:\{[^}]*\})?([^']+)'(?:, attribute '([^']+)')?/;

/** Finds, for each validator message, the element it names at its line, and that element's path. */
function locateIssues(xml: string, messages: RawMessage[]): XmlIssue[] {
  const elementsByLine = indexElementsByLine(xml);
  return messages.map((raw) => {
    const named = ELEMENT_IN_MESSAGE.exec(raw.text);
    const elementName = named?.[1];
    const candidates = raw.line === null ? [] : (elementsByLine.get(raw.line) ?? []);
    const element = candidates.find((c) => c.name === elementName) ?? candidates[0];
    const attribute = named?.[2] ? `/@${named[2]}` : '';
    return {
      line: raw.line,
      path: element ? element.path + attribute : null,
      xsdPath: element ? element.xsdPath + attribute : null,
      message: raw.text.replace(/\{www\.fincen\.gov\/base\}/g, ''),
    };
  });
}

type LocatedElement = { name: string; path: string; xsdPath: string };

function indexElementsByLine(xml: string): Map<number, LocatedElement[]> {
  const byLine = new Map<number, LocatedElement[]>();
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: Array<{ name: string; path: string; xsdPath: string; childCounts: Map<string, number> }> = [];
  parser.on('opentag', (tag) => {
    const name = tag.name.includes(':') ? tag.name.slice(tag.name.indexOf(':') + 1) : tag.name;
    const parent = stack[stack.length - 1];
    const position = (parent?.childCounts.get(name) ?? 0) + 1;
    parent?.childCounts.set(name, position);
    const path = `${parent?.path ?? ''}/${name}[${position}]`;
    const xsdPath = parent ? `${parent.xsdPath}/${name}` : name;
    const element = { name, path, xsdPath };
    const list = byLine.get(parser.line) ?? [];
    list.push(element);
    byLine.set(parser.line, list);
    stack.push({ ...element, childCounts: new Map() });
  });
  // saxes emits closetag for self-closing tags too, so every open is matched by one pop.
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(xml).close();
  } catch {
    // Positions are a help for the reader; a document the validator already rejected may not parse.
  }
  return byLine;
}
