/**
 * Streaming XML reader for list files: collects each record element (`INDIVIDUAL`, `sdnEntry`, …)
 * as a small tree and hands it to the caller, so a 100 MB list never becomes one DOM.
 * Refuses any DOCTYPE (no DTD, no entity can be declared, so none is expanded), and limits size,
 * depth and text length.
 */
import { SaxesParser } from 'saxes';
import { ValidationError } from '../../errors.ts';

export type XmlElement = { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string };

export type XmlRecordLimits = { maxBytes: number; maxDepth: number; maxTextLength: number };
export const DEFAULT_LIST_XML_LIMITS: XmlRecordLimits = { maxBytes: 256 * 1024 * 1024, maxDepth: 32, maxTextLength: 64 * 1024 };

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

/**
 * Calls `onRecord` for every element whose local name is in `recordNames`, and `onRootAttributes`
 * with the root element's attributes. Throws ValidationError on malformed or forbidden XML.
 * @example readXmlRecords('<L><R><A>1</A></R></L>', ['R'], (r) => r.children[0]?.text) // '1'
 */
export function readXmlRecords(
  xml: string,
  recordNames: readonly string[],
  onRecord: (record: XmlElement) => void,
  options: { limits?: XmlRecordLimits; source?: string; onElementText?: (path: string, text: string) => void } = {},
): { rootName: string; rootAttributes: Record<string, string> } {
  const limits = options.limits ?? DEFAULT_LIST_XML_LIMITS;
  const source = options.source ?? 'xml';
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > limits.maxBytes) throw new ValidationError(`${source} is ${bytes} bytes, above the limit of ${limits.maxBytes}`, [{ field: source, reason: 'document too large' }]);
  const wanted = new Set(recordNames);
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlElement[] = [];
  const path: string[] = [];
  let recordDepth = -1;
  let rootName = '';
  let rootAttributes: Record<string, string> = {};
  let failure: Error | null = null;
  const fail = (reason: string): void => {
    if (!failure) failure = new ValidationError(`${source}: ${reason}`, [{ field: `line ${parser.line}`, reason }]);
  };
  parser.on('doctype', () => fail('a DOCTYPE is not accepted (entities and DTDs are refused)'));
  parser.on('error', (error) => fail(error.message));
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    path.push(name);
    if (path.length > limits.maxDepth) { fail(`elements nested deeper than ${limits.maxDepth}`); return; }
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(tag.attributes)) attributes[localName(key)] = String(value);
    if (path.length === 1) { rootName = name; rootAttributes = attributes; }
    if (recordDepth < 0 && wanted.has(name)) recordDepth = path.length;
    if (recordDepth >= 0) {
      const element: XmlElement = { name, attributes, children: [], text: '' };
      stack[stack.length - 1]?.children.push(element);
      stack.push(element);
    }
  });
  parser.on('text', (text) => {
    const current = stack[stack.length - 1];
    if (current) {
      if (current.text.length + text.length > limits.maxTextLength) { fail(`text longer than ${limits.maxTextLength} characters in <${current.name}>`); return; }
      current.text += text;
    } else if (options.onElementText && text.trim()) options.onElementText(path.join('/'), text.trim());
  });
  parser.on('cdata', (text) => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
  });
  parser.on('closetag', () => {
    if (recordDepth >= 0) {
      const element = stack.pop();
      if (path.length === recordDepth && element) {
        recordDepth = -1;
        if (!failure) onRecord(element);
      }
    }
    path.pop();
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (failure) throw failure;
  if (!rootName) throw new ValidationError(`${source}: no root element`, [{ field: source, reason: 'empty document' }]);
  return { rootName, rootAttributes };
}

/** Text of the first child with this local name, trimmed; '' when absent. */
export function childText(element: XmlElement, name: string): string {
  for (const child of element.children) if (child.name === name) return child.text.trim();
  return '';
}

/** Every child with this local name. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** Every descendant with this local name, depth first. */
export function descendantsNamed(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (node: XmlElement): void => {
    for (const child of node.children) {
      if (child.name === name) out.push(child);
      walk(child);
    }
  };
  walk(element);
  return out;
}
