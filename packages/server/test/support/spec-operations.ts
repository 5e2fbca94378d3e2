import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SPEC_FILE = fileURLToPath(new URL('../../vendor/twilio-oai/twilio_api_v2010.json', import.meta.url));

export type WalkMethod = 'GET' | 'POST' | 'DELETE';

/** One operation of Twilio's spec: `template` without `/2010-04-01` and `.json`, e.g. `Accounts/{AccountSid}/Calls/{Sid}`. */
export interface SpecOperation {
  method: WalkMethod;
  template: string;
  /** The success statuses the spec documents for it. */
  success: number[];
}

const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

/** Every path and method of the vendored `twilio_api_v2010.json`, in the spec's order. */
export const SPEC_OPERATIONS: SpecOperation[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  (['get', 'post', 'delete'] as const)
    .filter((method) => item[method])
    .map((method) => ({
      method: method.toUpperCase() as WalkMethod,
      template: path.replace(/^\/2010-04-01\//, '').replace(/\.json$/, ''),
      success: Object.keys(item[method]!.responses).map(Number).filter((status) => status < 400),
    })),
);

export const operationName = (op: SpecOperation): string => `${op.method} /2010-04-01/${op.template}.json`;

/**
 * A template's path parameters, each with the collection it names an item of: in
 * `Accounts/{AccountSid}/Calls/{CallSid}/Recordings/{Sid}`, `{CallSid}` is an item of `Accounts/{AccountSid}/Calls`.
 */
export function pathParameters(template: string): { name: string; collection: string }[] {
  const segments = template.split('/');
  return segments.flatMap((segment, index) => {
    const match = /^\{(\w+)\}$/.exec(segment);
    return match ? [{ name: match[1]!, collection: segments.slice(0, index).join('/') }] : [];
  });
}
