import * as crypto from 'node:crypto';

/** SHA-256 of a string: the one-shot `crypto.hash` (Node 20.12+) where there is one, about half the cost of a Hash object. */
const sha256: (text: string) => Buffer =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'buffer') : (text) => crypto.createHash('sha256').update(text).digest();

/**
 * A uniform number in [0, 1) from a seed and the facts of an event: the simulation's outcomes are
 * the same every time for the same seed and the same request at the same instant.
 */
export function deterministicUniform(seed: number, ...facts: Array<string | number | null>): number {
  const digest = sha256(`${seed}|${facts.join('|')}`);
  return digest.readUInt32BE(0) / 0x1_0000_0000;
}

/** Picks from weighted choices with a uniform number. */
export function pick<T>(u: number, choices: ReadonlyArray<readonly [T, number]>): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let acc = 0;
  for (const [value, weight] of choices) {
    acc += weight / total;
    if (u < acc) return value;
  }
  return choices[choices.length - 1]![0];
}
