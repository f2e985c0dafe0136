/**
 * Builds the canonical views (docs/architecture.md) over the confirmed mappings:
 * `customers`, `subscription_periods`, `mrr_monthly_source`, `events`, `responses`,
 * `tickets`, always all six with exactly the canonical columns and types (an empty view
 * when no file feeds one, so KPI SQL always binds). Tables of one role are UNION ALL'ed.
 */
import type { CanonicalView } from '../model/schema.js';
import { confirmedMappingIssues } from './checkMapping.js';
import type { ExprContext } from './expr.js';
import { sizeBandsFor } from './segments.js';
import { ident } from './sql.js';
import type { ConfirmedMapping, MappingWarning, Role } from './types.js';
import { customersSelect, customersStage, type SegmentChoice } from './views/customers.js';
import { eventsPassthrough, eventsSelect, eventsStage } from './views/events.js';
import { mrrMonthlySourceSelect, snapshotStage } from './views/mrrMonthlySource.js';
import { responsesSelect, responsesStage } from './views/responses.js';
import { invoiceStage, subscriptionStage } from './views/revenueStage.js';
import { subscriptionPeriodsSelect } from './views/subscriptionPeriods.js';
import { ticketsSelect, ticketsStage } from './views/tickets.js';

/** Workspace-wide options of the canonical views. */
export interface CanonicalOptions {
  /** Currency of revenue views; rows in others are excluded. Default: the mappings' detected currency. */
  reportingCurrency?: string | null;
  /** Customer attribute used as `segment`. Default: none (`'(all)'`). */
  segmentAttribute?: string | null;
  /** Reporting offset (minutes east of UTC) for epoch numbers and offset-carrying text. Default 0. */
  utcOffsetMinutes?: number;
  /** Schema the views are created in (e.g. `kpi`). Default: unqualified (the current schema). */
  schema?: string;
  /** Schema of the loaded tables. Default `main`; null leaves them unqualified. */
  sourceSchema?: string | null;
  /**
   * Create tables instead of views. The normalisation (trimming, parsing, dedupe) then runs
   * once per data version instead of in every KPI that reads the model: the workspace
   * materialises; tests of the SQL itself may keep views.
   */
  materialize?: boolean;
}

/** The expression context of one mapping under these options. */
export function exprContext(m: ConfirmedMapping, options: CanonicalOptions): ExprContext {
  return {
    norm: m.normalisation,
    utcOffsetMinutes: options.utcOffsetMinutes ?? 0,
    sourceSchema: options.sourceSchema === undefined ? 'main' : options.sourceSchema,
  };
}

/** The SQL that creates the canonical views, and what the UI should know about it. */
export interface CanonicalSql {
  statements: string[];
  /** The canonical view each statement creates (same order). */
  views: CanonicalView[];
  /** What each statement creates: a TABLE (materialised) or a VIEW (same order). */
  kinds: ('TABLE' | 'VIEW')[];
  warnings: MappingWarning[];
  /** Views fed by at least one file (customers also when synthesised). */
  available: CanonicalView[];
  /** Roles of the mappings used. */
  roles: Role[];
  reportingCurrency: string | null;
  /** Attribute columns of `customers` after `segment`. */
  customerAttributes: string[];
}

const REVENUE_ROLES: readonly Role[] = ['subscriptions', 'invoices', 'mrr_snapshots'];

/** The mappings that can be used (complete, table present), with warnings for the others. */
export function usableMappings(mappings: readonly ConfirmedMapping[]): {
  usable: ConfirmedMapping[];
  warnings: MappingWarning[];
} {
  const usable: ConfirmedMapping[] = [];
  const warnings: MappingWarning[] = [];
  for (const m of mappings) {
    const problems = confirmedMappingIssues(m);
    if (problems.length) {
      warnings.push({
        code: 'incomplete_mapping',
        file: m.table.file,
        message: {
          en: `${m.table.file} is not used: ${problems.map((p) => p.en).join('; ')}.`,
          ja: `${m.table.file} は使用されません: ${problems.map((p) => p.ja).join('。')}。`,
        },
      });
    } else usable.push(m);
  }
  return { usable, warnings };
}

/** Roles for which at least one usable mapping exists (which KPI families the UI can enable). */
export function availableRoles(mappings: readonly ConfirmedMapping[]): Role[] {
  return [...new Set(usableMappings(mappings).usable.map((m) => m.role))];
}

/** Canonical views that hold data for these mappings. */
export function availableViews(mappings: readonly ConfirmedMapping[]): CanonicalView[] {
  const roles = new Set(availableRoles(mappings));
  const has = (...rs: Role[]): boolean => rs.some((r) => roles.has(r));
  const out: CanonicalView[] = [];
  if (has('customers', 'subscriptions', 'invoices', 'mrr_snapshots')) out.push('customers');
  if (has('subscriptions', 'invoices')) out.push('subscription_periods');
  if (has('mrr_snapshots')) out.push('mrr_monthly_source');
  if (has('events')) out.push('events');
  if (has('responses')) out.push('responses');
  if (has('tickets')) out.push('tickets');
  return out;
}

function mostCommon(xs: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

/** The reporting currency: the option, else the most common detected currency of revenue mappings. */
export function chooseReportingCurrency(mappings: readonly ConfirmedMapping[], option?: string | null): string | null {
  if (option !== undefined) return option === null ? null : option.trim().toUpperCase();
  return mostCommon(
    mappings
      .filter((m) => REVENUE_ROLES.includes(m.role))
      .flatMap((m) => (m.normalisation.reportingCurrency ? [m.normalisation.reportingCurrency.toUpperCase()] : [])),
  );
}

function attributeNames(customers: readonly ConfirmedMapping[]): string[] {
  return [...new Set(customers.flatMap((m) => m.attributes.map((a) => a.name)))];
}

function segmentChoice(
  customers: readonly ConfirmedMapping[],
  names: readonly string[],
  revenue: boolean,
  wanted: string | null | undefined,
  warnings: MappingWarning[],
): SegmentChoice | null {
  if (!wanted) return null;
  const available = customers.length ? names : revenue ? ['plan'] : [];
  if (!available.includes(wanted)) {
    warnings.push({
      code: 'unknown_segment',
      message: {
        en: `No customer attribute "${wanted}": no segment breakdown.`,
        ja: `顧客属性「${wanted}」がありません。セグメント別の集計はできません。`,
      },
    });
    return null;
  }
  const columns = customers.flatMap((m) => {
    const a = m.attributes.find((x) => x.name === wanted);
    const col = a ? m.table.columns.find((c) => c.name === a.source) : undefined;
    return col ? [col] : [];
  });
  return { attribute: wanted, sizeBands: sizeBandsFor(wanted, columns) };
}

/**
 * SQL statements creating the six canonical views from the confirmed mappings (list
 * them in load order: where monthly files overlap, the later one wins).
 */
export function buildCanonicalSql(mappings: readonly ConfirmedMapping[], options: CanonicalOptions = {}): CanonicalSql {
  const { usable, warnings } = usableMappings(mappings);
  const reportingCurrency = chooseReportingCurrency(usable, options.reportingCurrency);
  const of = (role: Role): [ConfirmedMapping, number][] =>
    usable.map((m, i) => [m, i] as [ConfirmedMapping, number]).filter(([m]) => m.role === role);
  const ctxOf = (m: ConfirmedMapping): ExprContext => exprContext(m, options);

  // Subscriptions and invoices describe the same revenue: never add them up.
  const invoices = of('subscriptions').length ? [] : of('invoices');
  if (invoices.length < of('invoices').length) {
    warnings.push({
      code: 'invoices_ignored',
      message: {
        en: 'Invoices are not used for MRR because subscriptions are loaded (the same revenue would count twice).',
        ja: '契約（サブスクリプション）データがあるため、請求書データは MRR に使いません（同じ売上の二重計上を防ぐため）。',
      },
    });
  }
  const revenue = [
    ...of('subscriptions').map(([m, i]) => subscriptionStage(m, i, ctxOf(m))),
    ...invoices.map(([m, i]) => invoiceStage(m, i, ctxOf(m))),
  ];
  const snapshots = of('mrr_snapshots').map(([m, i]) => snapshotStage(m, i, ctxOf(m)));
  const customers = of('customers');
  const names = attributeNames(customers.map(([m]) => m));
  const segment = segmentChoice(
    customers.map(([m]) => m),
    names,
    revenue.length > 0,
    options.segmentAttribute,
    warnings,
  );

  if (reportingCurrency !== null) {
    const withCurrency = usable.filter((m) => REVENUE_ROLES.includes(m.role) && m.columns.currency);
    const others = [
      ...new Set(
        withCurrency
          .map((m) => m.normalisation.reportingCurrency)
          .filter((c): c is string => c !== null && c.toUpperCase() !== reportingCurrency),
      ),
    ];
    if (withCurrency.length) {
      warnings.push({
        code: 'currency_filter',
        message: {
          en: `Revenue is reported in ${reportingCurrency}; rows in other currencies${others.length ? ` (${others.join(', ')})` : ''} are excluded, never summed. The validation report counts them.`,
          ja: `売上は ${reportingCurrency} で集計します。他の通貨${others.length ? `（${others.join(', ')}）` : ''}の行は合算せず除外します。件数は検証レポートに表示されます。`,
        },
      });
    }
  }
  if (customers.length === 0 && (revenue.length || snapshots.length)) {
    warnings.push({
      code: 'customers_synthesised',
      message: {
        en: 'No customers file: customers are derived from the revenue files (signup = first start).',
        ja: '顧客ファイルがないため、売上ファイルの顧客IDから顧客一覧を作成しました（登録日 = 最初の開始日）。',
      },
    });
  }

  const selects: [CanonicalView, string][] = [
    [
      'customers',
      customersSelect(
        customers.map(([m, i]) => customersStage(m, i, ctxOf(m), names)),
        names,
        revenue,
        snapshots,
        segment,
      ),
    ],
    ['subscription_periods', subscriptionPeriodsSelect(revenue, reportingCurrency)],
    ['mrr_monthly_source', mrrMonthlySourceSelect(snapshots, reportingCurrency)],
    ['events', eventsSelect(of('events').map(([m]) => eventsStage(m, ctxOf(m))))],
    ['responses', responsesSelect(of('responses').map(([m, i]) => responsesStage(m, i, ctxOf(m))))],
    ['tickets', ticketsSelect(of('tickets').map(([m, i]) => ticketsStage(m, i, ctxOf(m))))],
  ];
  const target = (view: CanonicalView): string =>
    options.schema ? `${ident(options.schema)}.${ident(view)}` : ident(view);
  // Materialised, except events read as they are from one table: a view costs nothing
  // to build and holds no second copy of the largest table.
  const events = of('events');
  const passthrough = events.length === 1 && eventsPassthrough(events[0]![0]);
  const kinds = selects.map(([view]): 'TABLE' | 'VIEW' =>
    options.materialize && !(view === 'events' && passthrough) ? 'TABLE' : 'VIEW',
  );
  const statements = selects.map(([view, body], i) => `CREATE OR REPLACE ${kinds[i]} ${target(view)} AS ${body}`);
  return {
    statements,
    views: selects.map(([view]) => view),
    kinds,
    warnings,
    available: availableViews(usable),
    roles: [...new Set(usable.map((m) => m.role))],
    reportingCurrency,
    customerAttributes: customers.length ? names : revenue.length || snapshots.length ? ['plan'] : [],
  };
}
