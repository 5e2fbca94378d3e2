import { Worker, type WorkerOptions } from 'node:worker_threads';

/** A worker thread's module, to start threads with. */
export interface WorkerModule {
  start(options: WorkerOptions): Worker;
}

/**
 * The worker module at `path` under src/, without extension. Bundled, it is the same path under dist/,
 * where scripts/build-packages.mjs builds every `*.worker.ts` as an entry point of its own (a bundle's
 * code sits in dist/ or dist/chunks/, so it finds dist/ from its own place). From the sources, under
 * tsx, it is the .ts file, imported through tsx's API: tsx's loader does not reach worker threads.
 */
export function workerModule(path: string): WorkerModule {
  const here = import.meta.url;
  const fromSources = here.endsWith('.ts');
  const root = fromSources ? '/src/' : '/dist/';
  const module = new URL(`${path}${fromSources ? '.ts' : '.js'}`, here.slice(0, here.lastIndexOf(root) + root.length));
  if (!fromSources) return { start: (options) => new Worker(module, options) };
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(module.href)}, ${JSON.stringify(module.href)}))`;
  return { start: (options) => new Worker(code, { ...options, eval: true }) };
}
