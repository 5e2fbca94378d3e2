export const MAX_LOGO_BYTES = 256 * 1024;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * The image type from the file's own first bytes, never from its name or the browser's claim. Only
 * PNG and JPEG: SVG can carry script, and anything else is not worth the risk.
 */
export function detectLogoType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  if (bytes.length > 24 && startsWith(bytes, PNG)) return 'image/png';
  if (bytes.length > 4 && startsWith(bytes, JPEG)) return 'image/jpeg';
  return null;
}
