import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One TwiML element: its name, attributes, the text directly inside it, and its child elements in order. */
export interface TwimlElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
  text: string;
  children: TwimlElement[];
}

/** TwiML that cannot run: Twilio's code (12100 document parse failure) and why. */
export class TwimlError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

function toElement(node: Node): TwimlElement | null {
  const name = Object.keys(node).find((key) => key !== ':@');
  if (name === undefined || name === '#text' || name.startsWith('?') || name === '#comment') return null;
  const content = (node[name] as Node[]) ?? [];
  const texts = content.filter((child) => '#text' in child).map((child) => String(child['#text']));
  return {
    name,
    attributes: node[':@'] ?? {},
    text: texts.join(' ').trim(),
    children: content.map(toElement).filter((e): e is TwimlElement => e !== null),
  };
}

/**
 * Parses a TwiML document with a real XML parser: it must be well-formed XML whose root is
 * `<Response>` (Twilio's 12100 otherwise). Comments and the XML declaration are ignored.
 */
export function parseTwiml(xml: string): TwimlElement {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new TwimlError(12100, `Document parse failure: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  const roots = (parser.parse(xml) as Node[]).map(toElement).filter((e): e is TwimlElement => e !== null);
  if (roots.length !== 1 || roots[0]!.name !== 'Response') {
    throw new TwimlError(12100, `Document parse failure: the root element must be <Response>, found ${roots.map((r) => `<${r.name}>`).join(', ') || 'none'}`);
  }
  return roots[0]!;
}
