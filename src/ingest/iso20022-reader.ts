import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ValidationError } from '../errors.ts';
import { serializeCaptured, textAt, type CapturedElement } from './captured-element.ts';
import { mapCreditTransfer, type MessageKind } from './iso20022-mapping.ts';
import { resolveLimits, truncateRaw, type IngestRecord, type ReadOptions } from './types.ts';

/** Root elements of the messages Frontera reads, by local name. */
const MESSAGE_ROOTS: Record<string, MessageKind> = { FIToFICstmrCdtTrf: 'pacs.008', CstmrCdtTrfInitn: 'pain.001' };
/** Elements whose position is always written in a path, because they repeat by design. */
const REPEATING = new Set(['CdtTrfTxInf', 'PmtInf']);
const MAX_DEPTH = 64;
const WHITESPACE_ONLY = /^\s*$/;
/** Shared by every element without attributes (nearly all); never written to. */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;
/** The parser is fed at most this many characters at a time, so the limits below are checked often. */
const SLICE_CHARS = 64 * 1024;
/** pain.001 PmtInf blocks hold a handful of elements besides their transactions. */
const MAX_PAYMENT_INFORMATION_CHILDREN = 256;

type Frame = { name: string; path: string; childCounts: Map<string, number> };
type CaptureTarget = 'groupHeader' | 'paymentInformationChild' | 'transaction';
type Capture = {
  target: CaptureTarget;
  path: string;
  root: CapturedElement;
  stack: CapturedElement[];
  depth: number;
  startPosition: number;
  /** Set once the element outgrows the record limit: the tree is dropped, only its beginning kept. */
  oversizedRaw: string | undefined;
};
type Message = {
  kind: MessageKind;
  namespace: string;
  frameDepth: number;
  groupHeader: CapturedElement | undefined;
  groupHeaderPath: string;
  paymentInformation: CapturedElement | undefined;
  paymentInformationPath: string | undefined;
  /** Credit transfers met so far, checked against GrpHdr/NbOfTxs when the message closes. */
  transfers: number;
};

function fatal(sourceName: string, message: string, details: Record<string, unknown> = {}): ValidationError {
  return new ValidationError(`${sourceName}: ${message}`, [{ field: 'document', reason: message }], { source: sourceName, ...details });
}

/**
 * Reads pacs.008 (v08, v09, v10; alone or inside a business-message envelope with an AppHdr) and
 * pain.001 (v03, v09, v10) credit transfers from a stream of XML text, in bounded memory: only
 * the group header, the current PmtInf header and one credit transfer are held at a time.
 * Yields batches of records as the input arrives. A DOCTYPE, malformed or truncated XML, an
 * unsupported message or a limit breach outside a transaction ends reading with a ValidationError
 * that names the position.
 * @example
 * for await (const batch of readIso20022Batches(fs.createReadStream('wires.xml'), { format: 'iso20022', sourceName: 'wires.xml' })) …
 */
export async function* readIso20022Batches(input: AsyncIterable<Buffer | Uint8Array | string>, options: ReadOptions): AsyncGenerator<IngestRecord[]> {
  const { maxRecordBytes, maxRawChars } = resolveLimits(options);
  const source = options.sourceName;
  // A single tag or text run is buffered whole by the parser; past this it is refused.
  const maxUnbrokenChars = 2 * maxRecordBytes + SLICE_CHARS;
  const parser = new SaxesParser({ xmlns: true, position: true });
  const where = () => ({ line: parser.line, column: parser.column + 1 });
  const stack: Frame[] = [{ name: '', path: '', childCounts: new Map() }];
  let out: IngestRecord[] = [];
  let message: Message | undefined;
  let capture: Capture | undefined;
  let skipDepth = 0;
  let depth = 0;
  let lastMarkupPosition = 0;
  let messagesSeen = 0;

  const finishCapture = (done: Capture) => {
    if (message === undefined) return;
    if (done.target === 'transaction') {
      message.transfers++;
      if (done.oversizedRaw !== undefined) {
        out.push({
          ok: false,
          quarantined: {
            source,
            location: done.path,
            issues: [{ field: done.path, reason: `credit transfer is larger than the limit of ${maxRecordBytes} characters` }],
            raw: truncateRaw(done.oversizedRaw, maxRawChars),
          },
        });
        return;
      }
      const result = mapCreditTransfer({
        kind: message.kind,
        groupHeader: message.groupHeader,
        groupHeaderPath: message.groupHeaderPath,
        paymentInformation: message.paymentInformation,
        paymentInformationPath: message.paymentInformationPath,
        transaction: done.root,
        transactionPath: done.path,
        localTimeOffset: options.localTimeOffset,
      });
      out.push(
        result.ok
          ? { ok: true, transaction: result.transaction, location: done.path }
          : { ok: false, quarantined: { source, location: done.path, issues: result.issues, raw: serializeCaptured(done.root, maxRawChars) } },
      );
      return;
    }
    // Every transaction depends on the group header and the PmtInf header: an unreadable one is fatal.
    if (done.oversizedRaw !== undefined) throw fatal(source, `${done.path} is larger than the limit of ${maxRecordBytes} characters`, where());
    if (done.target === 'groupHeader') {
      message.groupHeader = done.root;
      message.groupHeaderPath = done.path;
    } else if (message.paymentInformation !== undefined) {
      if (message.paymentInformation.children.length >= MAX_PAYMENT_INFORMATION_CHILDREN) {
        throw fatal(source, `${message.paymentInformationPath} has more than ${MAX_PAYMENT_INFORMATION_CHILDREN} elements besides its transactions`, where());
      }
      message.paymentInformation.children.push(done.root);
    }
  };

  const startCapture = (target: CaptureTarget, name: string, path: string, attributes: Record<string, string>) => {
    const root: CapturedElement = { name, attributes, children: [], text: '' };
    capture = { target, path, root, stack: [root], depth: 1, startPosition: parser.position, oversizedRaw: undefined };
  };

  const localAttributes = (tag: SaxesTagNS): Record<string, string> => {
    let attributes: Record<string, string> | undefined;
    for (const name in tag.attributes) {
      const attribute = tag.attributes[name]!;
      if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
      attributes ??= {};
      attributes[attribute.local] = attribute.value;
    }
    return attributes ?? NO_ATTRIBUTES;
  };

  const checkCaptureSize = () => {
    if (capture === undefined || capture.oversizedRaw !== undefined) return;
    if (parser.position - capture.startPosition > maxRecordBytes) {
      capture.oversizedRaw = serializeCaptured(capture.root, maxRawChars);
      capture.stack = [];
      capture.root.children = [];
    }
  };

  parser.on('xmldecl', (declaration) => {
    const encoding = declaration.encoding;
    if (encoding !== undefined && !/^(utf-?8|us-ascii)$/i.test(encoding)) {
      throw fatal(source, `the document declares encoding ${encoding}; Frontera reads ISO 20022 in UTF-8 only`, where());
    }
  });
  parser.on('doctype', () => {
    throw fatal(source, `DOCTYPE refused at line ${parser.line}: DTDs and entity declarations are never processed (XXE and entity-expansion protection)`, where());
  });
  parser.on('error', (error) => {
    const reason = error.message.replace(/^\d+:\d+: /, '');
    const { line, column } = where();
    throw fatal(source, `XML is not well-formed at line ${line}, column ${column}: ${reason}`, { line, column, reason });
  });

  parser.on('opentag', (tag) => {
    lastMarkupPosition = parser.position;
    depth++;
    if (depth > MAX_DEPTH) throw fatal(source, `elements are nested deeper than ${MAX_DEPTH} levels`, where());
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    const name = tag.local;
    if (capture !== undefined) {
      capture.depth++;
      checkCaptureSize();
      if (capture.oversizedRaw !== undefined) return;
      const node: CapturedElement = { name, attributes: localAttributes(tag), children: [], text: '' };
      capture.stack[capture.stack.length - 1]!.children.push(node);
      capture.stack.push(node);
      return;
    }
    const parent = stack[stack.length - 1]!;
    const index = (parent.childCounts.get(name) ?? 0) + 1;
    parent.childCounts.set(name, index);
    const path = `${parent.path}/${name}${index > 1 || REPEATING.has(name) ? `[${index}]` : ''}`;
    if (message === undefined) {
      const kind = MESSAGE_ROOTS[name];
      if (kind !== undefined) {
        messagesSeen++;
        message = { kind, namespace: tag.uri, frameDepth: stack.length, groupHeader: undefined, groupHeaderPath: `${path}/GrpHdr`, paymentInformation: undefined, paymentInformationPath: undefined, transfers: 0 };
      } else if (parent.name === 'Document') {
        throw fatal(source, `unsupported ISO 20022 message ${name}${tag.uri ? ` (${tag.uri})` : ''}; Frontera reads pacs.008 and pain.001 credit transfers`, where());
      } else if (name === 'AppHdr') {
        skipDepth = 1;
        return;
      }
      stack.push({ name, path, childCounts: new Map() });
      return;
    }
    const inMessage = stack.length === message.frameDepth + 1;
    const inPaymentInformation = message.kind === 'pain.001' && stack.length === message.frameDepth + 2 && parent.name === 'PmtInf';
    if (inMessage && name === 'GrpHdr') {
      startCapture('groupHeader', name, path, localAttributes(tag));
    } else if (inMessage && message.kind === 'pacs.008' && name === 'CdtTrfTxInf') {
      startCapture('transaction', name, path, localAttributes(tag));
    } else if (inMessage && message.kind === 'pain.001' && name === 'PmtInf') {
      message.paymentInformation = { name, attributes: {}, children: [], text: '' };
      message.paymentInformationPath = path;
      stack.push({ name, path, childCounts: new Map() });
    } else if (inPaymentInformation && name === 'CdtTrfTxInf') {
      startCapture('transaction', name, path, localAttributes(tag));
    } else if (inPaymentInformation) {
      startCapture('paymentInformationChild', name, path, localAttributes(tag));
    } else {
      // Supplementary data and anything else outside a credit transfer is not needed.
      skipDepth = 1;
    }
  });

  const onText = (text: string) => {
    lastMarkupPosition = parser.position;
    if (capture === undefined || capture.oversizedRaw !== undefined || skipDepth > 0) return;
    const node = capture.stack[capture.stack.length - 1];
    // Indentation between elements is most of the text events of a pretty-printed file.
    if (node !== undefined && (node.text !== '' || !WHITESPACE_ONLY.test(text))) node.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('comment', () => {
    lastMarkupPosition = parser.position;
  });
  parser.on('processinginstruction', () => {
    lastMarkupPosition = parser.position;
  });

  parser.on('closetag', () => {
    lastMarkupPosition = parser.position;
    depth--;
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (capture !== undefined) {
      checkCaptureSize();
      capture.depth--;
      if (capture.oversizedRaw === undefined) {
        const node = capture.stack.pop()!;
        node.text = node.text.trim();
      }
      if (capture.depth === 0) {
        const done = capture;
        capture = undefined;
        finishCapture(done);
      }
      return;
    }
    const frame = stack.pop()!;
    if (message !== undefined && stack.length === message.frameDepth) {
      // A count that does not match means transactions were lost or added on the way: refuse.
      const declared = textAt(message.groupHeader, 'NbOfTxs');
      if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) !== message.transfers) {
        throw fatal(source, `${message.groupHeaderPath}/NbOfTxs is ${declared} but ${frame.path} has ${message.transfers} credit transfers`, where());
      }
      message = undefined;
    }
    else if (message !== undefined && frame.name === 'PmtInf') {
      message.paymentInformation = undefined;
      message.paymentInformationPath = undefined;
    }
  });

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const feed = (text: string) => {
    for (let start = 0; start < text.length; start += SLICE_CHARS) {
      parser.write(text.slice(start, start + SLICE_CHARS));
      if (parser.position - lastMarkupPosition > maxUnbrokenChars) {
        throw fatal(source, `more than ${maxUnbrokenChars} characters without markup near line ${parser.line}; a tag, text or comment this large is refused`, where());
      }
    }
  };
  const decode = (chunk: Buffer | Uint8Array | string | undefined): string => {
    try {
      return decoder.decode(chunk as Uint8Array | undefined, { stream: chunk !== undefined });
    } catch {
      throw fatal(source, `the document is not valid UTF-8 (near line ${parser.line})`, where());
    }
  };

  // Records read before a fatal error are still handed over, then the error is thrown.
  let failure: unknown;
  const attempt = (step: () => void) => {
    try {
      step();
    } catch (error) {
      failure = error;
    }
  };
  for await (const chunk of input) {
    attempt(() => feed(typeof chunk === 'string' ? chunk : decode(chunk)));
    if (out.length > 0) {
      yield out;
      out = [];
    }
    if (failure !== undefined) throw failure;
  }
  attempt(() => {
    feed(decode(undefined));
    try {
      parser.close();
    } catch (error) {
      if (!(error instanceof ValidationError) || error.details['reason'] === undefined) throw error;
      const { line, column } = where();
      throw fatal(source, `the document ends before it is complete (line ${line}, column ${column}): ${String(error.details['reason'])}`, { line, column });
    }
  });
  if (out.length > 0) yield out;
  if (failure !== undefined) throw failure;
  if (messagesSeen === 0) throw fatal(source, 'no pacs.008 (FIToFICstmrCdtTrf) or pain.001 (CstmrCdtTrfInitn) message found');
}
