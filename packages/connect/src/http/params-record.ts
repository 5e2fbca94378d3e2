/** Form or query parameters as the signature functions take them: repeated names become arrays. */
export function paramsRecord(search: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of search) {
    const current = record[name];
    record[name] = current === undefined ? value : ([] as string[]).concat(current, value);
  }
  return record;
}
