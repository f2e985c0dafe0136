/**
 * How well a column's values fit a mapping field's kind: a factor in 0..1 that
 * multiplies the header-match score, with a short reason.
 */
import { detectEpochUnit } from './epoch.js';
import type { FieldKind } from './fields.js';
import { isNumericType, type ValueProfile } from './valueProfile.js';
import { SATISFACTION_BAD, SATISFACTION_GOOD } from './vocabulary.js';
import { columnReasons as R, type KindWord } from './reasons.js';
import type { Message } from './types.js';

/** A fit factor and why. */
export interface Fit {
  factor: number;
  note: Message;
}

const UNKNOWN: Fit = { factor: 0.8, note: R.noSamples() };

function dateFit(p: ValueProfile, wantTime: boolean): Fit {
  if (p.type === 'DATE') return { factor: wantTime ? 0.9 : 1, note: R.typedColumn('DATE') };
  if (p.type.startsWith('TIMESTAMP')) return { factor: 1, note: R.typedColumn('TIMESTAMP') };
  if (p.count === 0) return UNKNOWN;
  if (isNumericType(p.type) || (p.numericShare === 1 && p.dateShare === 0)) {
    const unit = detectEpochUnit(p.numbers);
    return unit ? { factor: 0.85, note: R.epochDates(unit) } : { factor: 0.1, note: R.numbersNotDates() };
  }
  if (p.dateShare >= 0.8) return { factor: 0.95, note: R.dateText() };
  return { factor: 0.15, note: R.notDates() };
}

function numberFit(p: ValueProfile, what: KindWord, check?: (n: number) => boolean): Fit {
  if (p.type === 'DATE' || p.type.startsWith('TIMESTAMP') || p.type === 'BOOLEAN')
    return { factor: 0.05, note: R.typedColumn(p.type) };
  if (p.count === 0) return UNKNOWN;
  if (p.numericShare < 0.8) return { factor: 0.15, note: R.notNumbers() };
  if (check && !p.numbers.every(check)) return { factor: 0.3, note: R.outOfRange(what) };
  return { factor: 1, note: R.kind(what) };
}

function textFit(p: ValueProfile): Fit {
  if (p.type === 'DATE' || p.type.startsWith('TIMESTAMP')) return { factor: 0.3, note: R.typedColumn(p.type) };
  if (p.count > 0 && p.dateShare >= 0.8) return { factor: 0.4, note: R.looksLikeDates() };
  return { factor: 1, note: R.text() };
}

function idFit(p: ValueProfile): Fit {
  if (p.type === 'DATE' || p.type.startsWith('TIMESTAMP') || p.type === 'BOOLEAN' || p.type === 'DOUBLE')
    return { factor: 0.2, note: R.typedColumn(p.type) };
  if (p.count === 0) return UNKNOWN;
  if (p.dateShare >= 0.8) return { factor: 0.2, note: R.looksLikeDates() };
  if (p.emailShare >= 0.8) return { factor: 1, note: R.emails() };
  return { factor: 1, note: R.identifiers() };
}

function vocabularyFit(p: ValueProfile, share: number, what: KindWord): Fit {
  if (p.count === 0) return UNKNOWN;
  return share >= 0.8 ? { factor: 1, note: R.kind(what) } : { factor: 0.3 + 0.5 * share, note: R.fewLookLike(what) };
}

function satisfactionShare(p: ValueProfile): number {
  if (p.count === 0) return 0;
  const ok = p.raw.filter((s) => {
    const l = s.toLowerCase();
    return (
      SATISFACTION_GOOD.includes(l) ||
      SATISFACTION_BAD.includes(l) ||
      /^(offered|unoffered)$/.test(l) ||
      /^[1-5](\.0+)?$/.test(l)
    );
  });
  return ok.length / p.count;
}

/** Fit of a profiled column for a field kind. */
export function kindFit(kind: FieldKind, p: ValueProfile): Fit {
  switch (kind) {
    case 'date':
      return dateFit(p, false);
    case 'timestamp':
      return dateFit(p, true);
    case 'month':
      return dateFit(p, false);
    case 'money':
    case 'number':
      return numberFit(p, 'amounts');
    case 'integer':
      return numberFit(p, 'counts', (n) => Number.isInteger(n) && n >= 0);
    case 'minutes':
    case 'seconds':
      return numberFit(p, 'durations', (n) => n >= 0);
    case 'percent':
      return numberFit(p, 'percentages', (n) => n >= 0 && n <= 100);
    case 'score':
      return numberFit(p, 'scores', (n) => n >= 0 && n <= 10);
    case 'boolean':
      if (p.type === 'BOOLEAN') return { factor: 1, note: R.typedColumn('BOOLEAN') };
      return vocabularyFit(p, p.booleanShare, 'booleans');
    case 'currency':
      return vocabularyFit(p, p.currencyShare, 'currencies');
    case 'interval':
      return vocabularyFit(p, p.intervalShare, 'intervals');
    case 'satisfaction':
      return vocabularyFit(p, satisfactionShare(p), 'satisfaction');
    case 'id':
    case 'id_list':
      return idFit(p);
    case 'text':
    case 'status':
    case 'survey':
      return textFit(p);
  }
}
