// The bench's report as Markdown: written to data/bench/report.md, and with `--readme` (or BENCH_README=1)
// put in the README's benchmark section, between its markers, in place of the previous run's.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));
const START = '<!-- bench report: start (npm run bench -- --readme writes this part) -->';
const END = '<!-- bench report: end -->';

export const wantsReadme = (argv: readonly string[], env: NodeJS.ProcessEnv): boolean => argv.includes('--readme') || env.BENCH_README === '1';

/** `readme` with everything between the markers replaced by `report`; throws when the markers are missing. */
export function withReport(readme: string, report: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`README.md has no "${START}" … "${END}" markers to put the report between`);
  return `${readme.slice(0, start + START.length)}\n${report.trim()}\n${readme.slice(end)}`;
}

export function writeReport(file: string, report: string, { readme }: { readme: boolean }): void {
  writeFileSync(file, report);
  console.log(`\nReport written to ${file}`);
  if (!readme) return;
  writeFileSync(README, withReport(readFileSync(README, 'utf8'), report));
  console.log(`README.md's benchmark tables replaced by this run's`);
}
