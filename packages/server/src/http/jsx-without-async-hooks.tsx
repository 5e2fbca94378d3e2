/**
 * hono/jsx (4.13 and later) renders each page inside an AsyncLocalStorage, which it looks up on its
 * first render through `process.getBuiltinModule` (or a CommonJS main module's `require`). On Node 20
 * an AsyncLocalStorage, once run, turns on promise hooks for the whole process for good: after the
 * first Console or consent page, every promise of every API request paid for them (an `await` 60 ns
 * before, 154 after): after six seconds of Console pages, a server answered POST Messages at 7,057 req/s
 * against 8,226 with this (medians of three interleaved runs).
 *
 * The storage only carries JSX context (`useContext`) across an `await` in an async component, and
 * Switchboard's pages use no JSX context: hono's fallback, a store kept while a render runs
 * synchronously, renders them byte for byte the same. So the first render is made here, with the
 * lookup out of its reach, and hono keeps to that fallback. Where hono had already looked (another
 * part of the process rendered first), this changes nothing.
 */
let done = false;

export function renderJsxWithoutAsyncHooks(): void {
  if (done) return;
  done = true;
  const host = process as NodeJS.Process & { getBuiltinModule?: unknown; mainModule?: unknown };
  const lookup = Object.getOwnPropertyDescriptor(host, 'getBuiltinModule');
  const main = Object.getOwnPropertyDescriptor(host, 'mainModule');
  try {
    if (lookup) Object.defineProperty(host, 'getBuiltinModule', { ...lookup, value: undefined });
    if (main) Object.defineProperty(host, 'mainModule', { ...main, value: undefined });
    // Synchronous: nothing else runs before both are put back.
    String(<i />);
  } finally {
    if (lookup) Object.defineProperty(host, 'getBuiltinModule', lookup);
    if (main) Object.defineProperty(host, 'mainModule', main);
  }
}
