/**
 * Writing results where people read them: the README's bench summary (one line per size
 * between `<!-- bench:start -->` and `<!-- bench:end -->`) and aligned result tables, for
 * `npm run bench` and `bench/rerender.ts`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { SIZES, type BenchSize } from './data.js';
import { renderSummary, type BenchReport } from './report.js';

/** Puts the report's line for its size into the README summary; false when it has no markers. */
export function updateReadmeSummary(report: BenchReport, reportPath: string, readmePath = 'README.md'): boolean {
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j <= i) return false;
  const line = renderSummary(report, reportPath);
  const kept = readme
    .slice(i + start.length, j)
    .split('\n')
    .filter((l) => l.startsWith('- **') && !l.startsWith(`- **${report.size}**`));
  const sizeOf = (l: string): number => SIZES.indexOf(l.slice(4).split('*')[0] as BenchSize);
  const lines = [...kept, line].sort((a, b) => sizeOf(a) - sizeOf(b));
  writeFileSync(readmePath, `${readme.slice(0, i + start.length)}\n${lines.join('\n')}\n${readme.slice(j)}`);
  return true;
}

/** Aligns the tables of written result files with prettier (.prettierignore leaves results alone otherwise). */
export function alignResultFiles(files: readonly string[]): void {
  try {
    execFileSync('npx', ['prettier', '--write', '--ignore-path', '/dev/null', '--log-level', 'warn', ...files], {
      stdio: 'inherit',
    });
  } catch {
    /* formatting is cosmetic */
  }
}
