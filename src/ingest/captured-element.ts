/**
 * A small element tree captured from the XML stream: one group header, one payment information
 * block or one credit transfer at a time, never the whole document. Names are local names
 * (namespace prefixes dropped); text is the element's own text, trimmed.
 */
export type CapturedElement = {
  name: string;
  attributes: Record<string, string>;
  children: CapturedElement[];
  text: string;
};

/**
 * The first descendant along a slash-separated path of local names, or undefined.
 * @example childAt(transaction, 'PmtId/EndToEndId')?.text
 */
export function childAt(element: CapturedElement | undefined, path: string): CapturedElement | undefined {
  let steps = splitPaths.get(path);
  if (steps === undefined) splitPaths.set(path, (steps = path.split('/')));
  let current = element;
  for (const name of steps) {
    if (current === undefined) return undefined;
    let found: CapturedElement | undefined;
    for (const child of current.children) {
      if (child.name === name) {
        found = child;
        break;
      }
    }
    current = found;
  }
  return current;
}

/** Paths are a few dozen literals in the mapping; split once each. */
const splitPaths = new Map<string, string[]>();

/** The trimmed text at a path, or undefined when the element is absent or empty. */
export function textAt(element: CapturedElement | undefined, path: string): string | undefined {
  const text = childAt(element, path)?.text;
  return text === undefined || text === '' ? undefined : text;
}

/** Every direct child with the given name. */
export function childrenNamed(element: CapturedElement | undefined, name: string): CapturedElement[] {
  return element === undefined ? [] : element.children.filter((child) => child.name === name);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Serialises a captured element back to XML text (for the quarantine's `raw`), stopping once
 * `limit` characters are written.
 * @example serializeCaptured({ name: 'A', attributes: {}, children: [], text: 'x' }, 100) === '<A>x</A>'
 */
export function serializeCaptured(element: CapturedElement, limit: number): string {
  const parts: string[] = [];
  let length = 0;
  const write = (part: string): boolean => {
    parts.push(part);
    length += part.length;
    return length < limit;
  };
  const visit = (node: CapturedElement): boolean => {
    const attributes = Object.entries(node.attributes).map(([key, value]) => ` ${key}="${escape(value)}"`).join('');
    if (!write(`<${node.name}${attributes}>${escape(node.text)}`)) return false;
    for (const child of node.children) if (!visit(child)) return false;
    return write(`</${node.name}>`);
  };
  visit(element);
  const text = parts.join('');
  return text.length > limit ? text.slice(0, limit) : text;
}
