/**
 * The `kpi-workbench` command: the same core as the app, on the Node build of
 * duckdb-wasm. See args.ts for usage and KPI_SPEC section 4 for the contract.
 */
import { readFileSync } from 'node:fs';
import { NodeEngine } from '../node/nodeEngine.js';
import { readSqlFiles } from '../node/sqlFiles.js';
import { fileSource } from '../node/fileSource.js';
import { loadCatalogue } from '../core/kpi/catalogue.js';
import { KpiRunError } from '../core/kpi/runner.js';
import { tableToRows } from '../core/engine/rows.js';
import { Workspace } from '../core/workspace/workspace.js';
import type { Role } from '../core/mapping/index.js';
import { parseArgs, UsageError, USAGE, type Command } from './args.js';
import { toCsv, toJson } from './output.js';

/** An error for the user: printed without a stack, exit code 1 (2 for usage). */
class CliError extends Error {}

function problemText(p: { message: { en: string }; hint?: { en: string } }): string {
  return p.hint ? `${p.message.en}\n  ${p.hint.en}` : p.message.en;
}

/** How to do what a problem's hint says from the command line (the hint speaks of the app's reload). */
function cliHint(p: { kind: string; decimalMark?: '.' | ',' }, path: string): string {
  if (p.kind !== 'ambiguous-number' || !p.decimalMark) return '';
  return `\n  With this command: --decimal-mark ${path}=${p.decimalMark === ',' ? '.' : ','}`;
}

async function compute(cmd: Extract<Command, { kind: 'compute' }>, out: (s: string) => void): Promise<void> {
  const catalogue = loadCatalogue(readSqlFiles());
  const engine = await NodeEngine.create();
  try {
    const ws = new Workspace(engine, catalogue, { reportingOffsetMinutes: cmd.reportingOffsetMinutes });
    await ws.init();
    const roles = new Map<string, Role>();
    for (const d of cmd.data) {
      let source;
      try {
        source = await fileSource(d.path);
      } catch (e) {
        throw new CliError(`${d.path}: cannot read the file (${(e as Error).message})`);
      }
      const r = await ws.load(source, { mode: 'strict', deferModel: true, decimalMark: d.decimalMark ?? undefined });
      if (!r.ok) throw new CliError(`${d.path} could not be loaded:\n${r.problems.map(problemText).join('\n')}`);
      for (const w of r.warnings) process.stderr.write(`warning: ${problemText(w)}${cliHint(w, d.path)}\n`);
      if (d.role) roles.set(r.table, d.role as Role);
    }
    for (const [table, role] of roles) await ws.assignRole(table, role);
    if (cmd.map) {
      const matched = await ws.importMappings(readFileSync(cmd.map, 'utf8'));
      if (matched === 0) throw new CliError(`${cmd.map}: no mapping in it matches the headers of the files given`);
    }
    const state = await ws.refreshModel();
    for (const w of state.warnings) process.stderr.write(`warning: ${w.message.en}\n`);
    for (const t of state.tables) {
      const what = t.mapping
        ? `${t.mapping.role} (${t.mapping.source}, confidence ${t.detection.confidence.toFixed(2)})`
        : 'not used (role not recognised)';
      process.stderr.write(`${t.file}: ${what}\n`);
    }
    const result = await ws.run(cmd.kpi, cmd.params);
    const rows = tableToRows(result.table);
    out(
      cmd.format === 'json'
        ? toJson(rows)
        : toCsv(
            result.columns.map((c) => c.name),
            rows,
          ),
    );
  } catch (e) {
    if (e instanceof KpiRunError) throw new CliError(e.messages.map((m) => m.en).join('\n'));
    throw e;
  } finally {
    engine.close();
  }
}

function list(cmd: Extract<Command, { kind: 'list' }>, out: (s: string) => void): void {
  const catalogue = loadCatalogue(readSqlFiles());
  for (const e of catalogue.errors) process.stderr.write(`warning: ${e.message}\n`);
  if (cmd.format === 'json') {
    out(
      toJson(
        catalogue.kpis.map((k) => ({
          id: k.id,
          family: k.family,
          title: k.title.en,
          params: k.params.map((p) => p.name).join(' '),
          outputs: k.outputs
            .filter((o) => !o.optional)
            .map((o) => o.name)
            .join(' '),
        })),
      ),
    );
    return;
  }
  const width = Math.max(...catalogue.kpis.map((k) => k.id.length));
  for (const k of catalogue.kpis) out(`${k.id.padEnd(width)}  ${k.family.padEnd(9)}  ${k.title.en}\n`);
}

/** Runs the CLI; returns the exit code. */
export async function main(
  argv: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
): Promise<number> {
  try {
    const cmd = parseArgs(argv, -new Date().getTimezoneOffset());
    if (cmd.kind === 'help') out(USAGE + '\n');
    else if (cmd.kind === 'list') list(cmd, out);
    else await compute(cmd, out);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`kpi-workbench: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof CliError) {
      process.stderr.write(`kpi-workbench: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`kpi-workbench: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

if (process.argv[1] && /cli[\\/]main\.ts$|kpi-workbench(\.mjs)?$/.test(process.argv[1])) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
