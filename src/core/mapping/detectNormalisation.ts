/**
 * Detection of the normalisation choices of one mapping (amount unit, epoch unit,
 * score scale, reporting currency, date order, inclusive end dates), each with a
 * confidence and a reason so the UI can show and override them.
 */
import { detectAmountUnit } from './amountUnit.js';
import { DEFAULT_NORMALISATION } from './defaults.js';
import type { RoleDictionary } from './dictionary.js';
import { detectEpochUnit } from './epoch.js';
import { ROLE_FIELDS } from './fields.js';
import type { Choice, LoadedColumn, Normalisation, Role } from './types.js';
import { datePartsOf, isNumericType, profileColumn, type ValueProfile } from './valueProfile.js';
import { CURRENCY_SYMBOLS } from './vocabulary.js';
import { normalisationReasons as R } from './reasons.js';

/** Detected normalisation and the reasons for the choices detection made. */
export interface NormalisationDetection {
  normalisation: Normalisation;
  reasons: Partial<Record<keyof Normalisation, Choice>>;
}

/** ISO code of a currency cell (`jpy`, `¥`, `円` → JPY), or null. */
export function currencyCode(value: string): string | null {
  const v = value.normalize('NFKC').trim();
  if (/^[a-z]{3}$/i.test(v)) return v.toUpperCase();
  return CURRENCY_SYMBOLS[v.toLowerCase()] ?? null;
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Share of date-only samples that are the last day of their month (null when not judgeable). */
function monthEndShare(p: ValueProfile, dayFirst: boolean): number | null {
  if (p.type.startsWith('TIMESTAMP') || p.timeShare > 0) return null;
  const parts = p.raw
    .map((s) => datePartsOf(s, dayFirst))
    .filter((x): x is { y: number; m: number; d: number } => x !== null);
  if (parts.length < 3) return null;
  return parts.filter((x) => x.d === lastDayOfMonth(x.y, x.m)).length / parts.length;
}

function mostFrequent(xs: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [k, c] of counts) if (c > n) [best, n] = [k, c];
  return best;
}

/**
 * Normalisation for a table read as `role` with `columns` (mapping field → column).
 * Starts from the defaults, applies the dictionary's rules, then decides from values.
 */
export function detectNormalisation(
  role: Role,
  dict: RoleDictionary,
  columns: Record<string, LoadedColumn | null>,
): NormalisationDetection {
  const { amountUnit: dictUnit, ...dictRest } = dict.normalisation ?? {};
  const n: Normalisation = {
    ...DEFAULT_NORMALISATION,
    ...dictRest,
    excludedStatuses: [...(dictRest.excludedStatuses ?? [])],
    includedStatuses: [...(dictRest.includedStatuses ?? [])],
  };
  const reasons: Partial<Record<keyof Normalisation, Choice>> = {};
  const profiles = new Map<string, ValueProfile>();
  const prof = (field: string): ValueProfile | null => {
    const c = columns[field];
    if (!c) return null;
    if (!profiles.has(field)) profiles.set(field, profileColumn(c));
    return profiles.get(field) ?? null;
  };

  // Slash-date order, from all text date columns.
  const dateFields = ROLE_FIELDS[role].fields.filter(
    (f) => f.kind === 'date' || f.kind === 'timestamp' || f.kind === 'month',
  );
  let dayVotes = 0;
  let monthVotes = 0;
  for (const f of dateFields) {
    const p = prof(f.name);
    if (p) [dayVotes, monthVotes] = [dayVotes + p.dayFirstVotes, monthVotes + p.monthFirstVotes];
  }
  if (dayVotes + monthVotes > 0) {
    n.dayFirst = dayVotes > monthVotes;
    reasons.dayFirst = { confidence: 0.9, reason: R.dayFirst(n.dayFirst) };
  }

  // Epoch unit, from numeric date columns.
  const epochNumbers = dateFields.flatMap((f) => {
    const p = prof(f.name);
    return p && (isNumericType(p.type) || (p.numericShare === 1 && p.dateShare === 0)) ? p.numbers : [];
  });
  if (epochNumbers.length) {
    const unit = detectEpochUnit(epochNumbers);
    if (unit) {
      n.epochUnit = unit;
      reasons.epochUnit = {
        confidence: unit === 'auto' ? 0.6 : 0.9,
        reason: unit === 'auto' ? R.epochMixed() : R.epochUnit(unit),
      };
    }
  }

  // Currency.
  const cur = prof('currency');
  const codes = cur ? cur.raw.map(currencyCode).filter((c): c is string => c !== null) : [];
  if (codes.length) {
    n.reportingCurrency = mostFrequent(codes);
    const kinds = new Set(codes);
    reasons.reportingCurrency = {
      confidence: kinds.size === 1 ? 0.9 : 0.6,
      reason:
        kinds.size === 1
          ? R.oneCurrency(n.reportingCurrency!)
          : R.mostlyCurrency(
              n.reportingCurrency!,
              [...kinds].filter((k) => k !== n.reportingCurrency),
            ),
    };
  }

  // Amount unit, from the main money column.
  const moneyField = ['amount', 'mrr', 'arr'].find((f) => columns[f]);
  if (moneyField) {
    const p = prof(moneyField) as ValueProfile;
    const c = columns[moneyField] as LoadedColumn;
    const r = detectAmountUnit({
      header: c.name,
      numbers: p.numbers,
      currencies: codes,
      sourceDefault: dictUnit ?? 'detect',
      centsHeaders: dict.centsHeaders ?? [],
      texts: p.raw,
    });
    n.amountUnit = r.unit;
    reasons.amountUnit = { confidence: r.confidence, reason: r.reason };
  }

  if (role === 'subscriptions') {
    // A state export's MRR column is the *current* MRR (0 once canceled), so history is
    // computed from the amount whenever the interval is known; the MRR column is used
    // when there is no amount, or no interval to divide it by.
    const fromAmount =
      columns.amount !== null && columns.amount !== undefined && (!columns.mrr || Boolean(columns.interval));
    n.mrrFrom = fromAmount ? 'amount' : 'mrr_column';
    reasons.mrrFrom = fromAmount
      ? { confidence: columns.mrr ? 0.7 : 0.9, reason: R.mrrFromAmount(columns.mrr?.name ?? null) }
      : { confidence: 0.8, reason: R.mrrColumn(columns.mrr?.name ?? '') };
    if (!columns.interval && !columns.mrr) {
      reasons.defaultInterval = {
        confidence: dictRest.defaultInterval ? 0.5 : 0.4,
        reason: R.defaultInterval(n.defaultInterval),
      };
    }
    if (n.includedStatuses.length || columns.won) {
      reasons.includedStatuses = { confidence: 0.6, reason: R.wonDeals() };
      if (n.termMonths !== null && !columns.end_date) {
        reasons.termMonths = { confidence: 0.4, reason: R.termMonths(n.termMonths) };
      }
    }
  }

  // Inclusive end dates (a contract "ending" on the 31st covers the 31st).
  const endField = role === 'subscriptions' ? 'end_date' : role === 'invoices' ? 'period_end' : null;
  const endProfile = endField ? prof(endField) : null;
  if (endProfile && dictRest.periodEndInclusive === undefined) {
    const share = monthEndShare(endProfile, n.dayFirst);
    if (share !== null) {
      n.periodEndInclusive = share >= 0.6;
      reasons.periodEndInclusive = {
        confidence: 0.7,
        reason: R.inclusiveEnd(n.periodEndInclusive),
      };
    }
  }

  // Survey scale of responses without a (recognised) survey label.
  if (role === 'responses') {
    const p = prof('score');
    if (p && p.numbers.length) {
      const ints = p.numbers.every((x) => Number.isInteger(x));
      const min = Math.min(...p.numbers);
      const max = Math.max(...p.numbers);
      if (ints && min >= 0 && max <= 10 && (max > 5 || min === 0)) {
        n.scoreScale = 'nps';
        reasons.scoreScale = { confidence: 0.85, reason: R.npsScale(min, max) };
      } else if (ints && min >= 1 && max <= 5) {
        n.scoreScale = 'csat';
        reasons.scoreScale = { confidence: 0.7, reason: R.csatScale(min, max) };
      }
    }
  }
  return { normalisation: n, reasons };
}
