/**
 * Command-line arguments of `kpi-workbench` (KPI_SPEC section 4):
 *
 *     kpi-workbench list [--format text|json]
 *     kpi-workbench compute <kpi-id> --data [role=]<file> ... [--param name=value]... [--map mapping.json] [--format csv|json]
 *                           [--decimal-mark [<file>=].|,]...
 */
import type { DecimalMark } from '../core/ingest/index.js';

export interface DataArg {
  role: string | null;
  path: string;
  /** Decimal mark for numbers that read two ways (`1.200`); null: decided from the file. */
  decimalMark: DecimalMark | null;
}

export type Command =
  | { kind: 'list'; format: 'text' | 'json' }
  | {
      kind: 'compute';
      kpi: string;
      data: DataArg[];
      params: Record<string, string>;
      format: 'csv' | 'json';
      map: string | null;
      reportingOffsetMinutes: number;
    }
  | { kind: 'help' };

export const ROLES = [
  'customers',
  'subscriptions',
  'mrr_snapshots',
  'invoices',
  'events',
  'responses',
  'tickets',
] as const;

/** A usage error: the message says what to write instead. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `kpi-workbench: customer-success KPIs from CSV exports (DuckDB-WASM, offline)

Usage:
  kpi-workbench list [--format text|json]
  kpi-workbench compute <kpi-id> --data [role=]<file> [--data ...] [--param name=value]...
                        [--map mapping.json] [--format csv|json] [--offset +09:00]
                        [--decimal-mark .|,] [--decimal-mark <file>=.|,]

Roles: ${ROLES.join(', ')} (detected from the columns when not given).
--offset is the reporting UTC offset for timestamps that carry one (default: this machine's).
--decimal-mark sets the decimal mark of numbers that read two ways, like 1.200 ("," gives 1200,
  "." gives 1.2; default: decided from each file); <file>=, sets it for one --data file, named as there.`;

const DECIMAL_MARK_USAGE = '--decimal-mark is "." or "," (every file) or <file>=. / <file>=, (one --data file)';

/** Parses a `--decimal-mark` value: `,` or `.` for every file, `<file>=,` or `<file>=.` for one. */
function parseDecimalMark(v: string): { file: string | null; mark: DecimalMark } {
  const isMark = (s: string): s is DecimalMark => s === '.' || s === ',';
  if (isMark(v)) return { file: null, mark: v };
  const eq = v.lastIndexOf('=');
  const mark = v.slice(eq + 1);
  if (eq > 0 && isMark(mark)) return { file: v.slice(0, eq), mark };
  throw new UsageError(`${DECIMAL_MARK_USAGE}, not "${v}"`);
}

function parseOffset(s: string): number {
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(s.trim());
  if (!m) throw new UsageError(`--offset must look like +09:00 or -05:00, not "${s}"`);
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -mins : mins;
}

/** Parses argv (without node and script). */
export function parseArgs(argv: readonly string[], defaultOffsetMinutes: number): Command {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') return { kind: 'help' };
  const take = (i: number, flag: string): string => {
    const v = rest[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  if (cmd === 'list') {
    let format: 'text' | 'json' = 'text';
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '--format') {
        const f = take(i++, '--format');
        if (f !== 'text' && f !== 'json') throw new UsageError('--format for list is text or json');
        format = f;
      } else throw new UsageError(`unknown argument "${rest[i]}"`);
    }
    return { kind: 'list', format };
  }
  if (cmd === 'compute') {
    const kpi = rest[0];
    if (!kpi || kpi.startsWith('--')) throw new UsageError('compute needs a KPI id (see kpi-workbench list)');
    const data: DataArg[] = [];
    const params: Record<string, string> = {};
    let format: 'csv' | 'json' = 'csv';
    let map: string | null = null;
    let offset = defaultOffsetMinutes;
    let decimalMark: DecimalMark | null = null;
    const fileDecimalMarks = new Map<string, DecimalMark>();
    for (let i = 1; i < rest.length; i++) {
      const a = rest[i]!;
      if (a === '--data') {
        const v = take(i++, '--data');
        const eq = v.indexOf('=');
        const maybeRole = eq > 0 ? v.slice(0, eq) : null;
        if (maybeRole && (ROLES as readonly string[]).includes(maybeRole))
          data.push({ role: maybeRole, path: v.slice(eq + 1), decimalMark: null });
        else data.push({ role: null, path: v, decimalMark: null });
      } else if (a === '--param') {
        const v = take(i++, '--param');
        const eq = v.indexOf('=');
        if (eq <= 0) throw new UsageError(`--param must be name=value, not "${v}"`);
        params[v.slice(0, eq)] = v.slice(eq + 1);
      } else if (a === '--format') {
        const f = take(i++, '--format');
        if (f !== 'csv' && f !== 'json') throw new UsageError('--format is csv or json');
        format = f;
      } else if (a === '--map') {
        map = take(i++, '--map');
      } else if (a === '--offset') {
        offset = parseOffset(take(i++, '--offset'));
      } else if (a === '--decimal-mark') {
        const { file, mark } = parseDecimalMark(take(i++, '--decimal-mark'));
        if (file === null) decimalMark = mark;
        else fileDecimalMarks.set(file, mark);
      } else throw new UsageError(`unknown argument "${a}"`);
    }
    if (data.length === 0) throw new UsageError('compute needs at least one --data file');
    for (const file of fileDecimalMarks.keys())
      if (!data.some((d) => d.path === file))
        throw new UsageError(`--decimal-mark names "${file}", which is not one of the --data files`);
    for (const d of data) d.decimalMark = fileDecimalMarks.get(d.path) ?? decimalMark;
    return { kind: 'compute', kpi, data, params, format, map, reportingOffsetMinutes: offset };
  }
  throw new UsageError(`unknown command "${cmd}" (use list or compute)`);
}
