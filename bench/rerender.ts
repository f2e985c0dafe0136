/**
 * Re-renders result markdown from its JSON, and with `--readme` the README's summary line of
 * each size: `tsx bench/rerender.ts [--readme] bench/results/<date>-<size>.json …`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderReport, type BenchReport } from './report.js';
import { alignResultFiles, updateReadmeSummary } from './readme.js';

const readme = process.argv.includes('--readme');
for (const file of process.argv.slice(2).filter((a) => a !== '--readme')) {
  const report = JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
  const md = file.replace(/\.json$/, '.md');
  writeFileSync(md, renderReport(report));
  alignResultFiles([md]);
  if (readme) updateReadmeSummary(report, path.relative(process.cwd(), md));
}
