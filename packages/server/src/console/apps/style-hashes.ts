import { createHash } from 'node:crypto';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>' };

/**
 * CSP hashes of the inline `style` attributes in a snippet, so the page can show the snippet live
 * under `style-src 'unsafe-hashes'` without allowing any other inline style.
 */
export function styleAttributeHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/\sstyle="([^"]*)"/g)) {
    const value = match[1]!.replace(/&(amp|quot|#39|lt|gt);/g, (e) => ENTITIES[e]!);
    hashes.add(`'sha256-${createHash('sha256').update(value, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}
