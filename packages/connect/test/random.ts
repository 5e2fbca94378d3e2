// A seeded generator for cross-check tests: the same seed gives the same inputs, so a failure reproduces.

export interface Random {
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  string(alphabet: readonly string[], min: number, max: number): string;
  text(min?: number, max?: number): string;
}

// The characters that break naive implementations: separators, escapes, spaces, multi-byte and astral.
export const NASTY = [
  'a', 'b', 'Z', '0', '9', ' ', '&', '=', '+', '%', '%20', '%2B', '%zz', '?', '/', '#', "'", '"', '~', '*', '!', '(', ')',
  ',', ';', ':', '@', '$', '[', ']', '<', '>', '\\', '^', '`', '{', '|', '}', '.', '-', '_', 'é', 'ß', '日本', 'Ω', '😀', '\t',
];

export const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');

export function seeded(seed: number): Random {
  let state = seed >>> 0;
  // mulberry32: tiny, fast, and good enough to spread test inputs.
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    int: (maxExclusive) => Math.floor(next() * maxExclusive),
    pick: (items) => items[random.int(items.length)]!,
    chance: (p) => next() < p,
    string: (alphabet, min, max) => Array.from({ length: min + random.int(max - min + 1) }, () => random.pick(alphabet)).join(''),
    text: (min = 0, max = 12) => random.string(random.chance(0.3) ? PLAIN : NASTY, min, max),
  };
  return random;
}
