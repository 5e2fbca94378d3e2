/** Anything a callback's query can arrive as: a Request, a URL, a full or root-relative URL string, or a bare query. */
export type QuerySource = string | URL | URLSearchParams | Request;

export function queryOf(source: QuerySource): URLSearchParams {
  if (source instanceof URLSearchParams) return source;
  if (source instanceof URL) return source.searchParams;
  const text = typeof source === 'string' ? source : source.url;
  const withoutFragment = text.split('#', 1)[0] ?? '';
  const q = withoutFragment.indexOf('?');
  // No '?' means a bare query like 'AccountSid=AC…&state=…'.
  return new URLSearchParams(q === -1 ? withoutFragment : withoutFragment.slice(q + 1));
}

/** The parameter's value when it occurs exactly once; repeated values are ambiguous and read as absent. */
export function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  return values.length === 1 ? values[0] : undefined;
}
