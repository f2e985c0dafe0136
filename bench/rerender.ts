/** Re-renders result markdown from its JSON: `tsx bench/rerender.ts bench/results/<date>-<size>.json …` */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReport, type BenchReport } from './report.js';

for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
  writeFileSync(file.replace(/\.json$/, '.md'), renderReport(report));
}
