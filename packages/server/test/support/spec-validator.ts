import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';

/** Twilio's own OpenAPI description of the 2010-04-01 API, vendored with its licence in vendor/twilio-oai/. */
const SPEC_FILE = fileURLToPath(new URL('../../vendor/twilio-oai/twilio_api_v2010.json', import.meta.url));

type Json = Record<string, any>;

/**
 * The spec marks nearly every field nullable and none required; Twilio nonetheless sends every
 * declared field. Stricter than the spec, then: every declared property must be present, and no
 * undeclared one may appear (python's list parser breaks on an extra top-level key).
 */
function requireDeclaredProperties(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(requireDeclaredProperties);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === 'examples' || key === 'example' ? value : requireDeclaredProperties(value);
  // A property with no type (recording `encryption_details`) already admits null; ajv rejects a bare `nullable`.
  if (out.nullable === true && out.type === undefined && out.$ref === undefined && out.properties === undefined) delete out.nullable;
  if (out.type === 'object' && out.properties && typeof out.properties === 'object') {
    out.required = Object.keys(out.properties);
    out.additionalProperties = false;
  }
  return out;
}

const RFC2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;

const spec = requireDeclaredProperties(JSON.parse(readFileSync(SPEC_FILE, 'utf8'))) as Json;
// The schema omits what its own description says: "When a conference is in progress, will be `null`".
const reasonEnded = spec.components.schemas.conference_enum_reason_conference_ended;
Object.assign(reasonEnded, { nullable: true, enum: [...reasonEnded.enum, null] });
const ajv = new Ajv({
  strict: false,
  allErrors: true,
  formats: {
    'date-time-rfc-2822': RFC2822,
    // Twilio's page and resource URIs are root-relative.
    uri: (v: string) => v.startsWith('/') || /^https?:\/\//.test(v),
    'uri-map': true,
    'phone-number': true,
    'phone-number-capabilities': true,
    'iso-country-code': /^[A-Z]{2}$/,
    currency: true,
    'http-method': /^(GET|POST|HEAD|PUT|DELETE|PATCH)$/i,
    date: /^\d{4}-\d{2}-\d{2}$/,
    'date-time': true,
    int64: true,
    int32: true,
  },
});

/** Switchboard's documented extensions answer with the schema of an operation Twilio has. */
const EXTENSIONS: Record<string, [string, string, string]> = {
  'POST /2010-04-01/Accounts/{AccountSid}/ConnectApps.json': ['/2010-04-01/Accounts/{AccountSid}/ConnectApps/{Sid}.json', 'get', '200'],
};

// A literal segment beats a parameter: `/IncomingPhoneNumbers/Local.json` is not `/IncomingPhoneNumbers/{Sid}.json`.
const templates = Object.keys(spec.paths)
  .map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    parameters: (template.match(/\{/g) ?? []).length,
  }))
  .sort((a, b) => a.parameters - b.parameters);

const compiled = new Map<string, ValidateFunction>();

function validatorFor(method: string, path: string, status: number): ValidateFunction {
  const template = templates.find((t) => t.pattern.test(path))?.template;
  if (!template) throw new Error(`${path} is not a path of Twilio's 2010-04-01 API`);
  const cacheKey = `${method} ${template} ${status}`;
  const cached = compiled.get(cacheKey);
  if (cached) return cached;
  const [specPath, specMethod, specStatus] = EXTENSIONS[`${method.toUpperCase()} ${template}`] ?? [template, method.toLowerCase(), String(status)];
  const response = spec.paths[specPath]?.[specMethod]?.responses?.[specStatus];
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`Twilio's spec has no ${specStatus} JSON response for ${specMethod.toUpperCase()} ${specPath}`);
  const validate = ajv.compile({ ...schema, components: spec.components });
  compiled.set(cacheKey, validate);
  return validate;
}

/** Throws with every mismatch when a successful JSON response is not what Twilio's spec describes. */
export function assertMatchesSpec(method: string, path: string, status: number, body: unknown): void {
  const validate = validatorFor(method, path, status);
  if (!validate(body)) {
    const problems = validate.errors!.map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`).join('\n  ');
    throw new Error(`${method.toUpperCase()} ${path} → ${status} does not match Twilio's spec:\n  ${problems}`);
  }
}

const ERROR_KEYS = ['code', 'message', 'more_info', 'status'];

/** Errors are exactly `{code, message, more_info, status}`, with the status repeated from HTTP. */
export function assertTwilioError(status: number, body: unknown): void {
  const error = body as Json;
  const keys = error && typeof error === 'object' ? Object.keys(error).sort() : [];
  if (keys.join() !== ERROR_KEYS.join() || typeof error.code !== 'number' || error.status !== status ||
    typeof error.message !== 'string' || error.more_info !== `https://www.twilio.com/docs/errors/${error.code}`) {
    throw new Error(`HTTP ${status} body is not a Twilio error: ${JSON.stringify(body)}`);
  }
}
