import { ConnectError } from '../errors.ts';

/**
 * Decodes the query of a scope (or of its nested appParams). Generators disagree on encoding (`%20` or
 * `+` for space, raw or escaped `/`, any order), so decode like a form; refuse what is ambiguous.
 */
export function parseScopeQuery(query: string, scope: string): Record<string, string> {
  const params = new Map<string, string>();
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = decode(eq === -1 ? piece : piece.slice(0, eq), scope);
    if (params.has(name)) throw invalid(scope, `repeats the parameter ${JSON.stringify(name)}`);
    params.set(name, eq === -1 ? '' : decode(piece.slice(eq + 1), scope));
  }
  // fromEntries defines own properties, so a name like __proto__ stays data.
  return Object.fromEntries(params);
}

function decode(text: string, scope: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw invalid(scope, `has a broken percent-escape in ${JSON.stringify(text.slice(0, 64))}`);
  }
}

export const invalid = (scope: string, problem: string): ConnectError =>
  new ConnectError('invalid_scope', `The token's scope ${JSON.stringify(scope.slice(0, 120))} ${problem}. Issue a new token with ClientCapability (or a Twilio helper library).`);
