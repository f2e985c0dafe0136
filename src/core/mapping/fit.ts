/**
 * How well a column's values fit a mapping field's kind: a factor in 0..1 that
 * multiplies the header-match score, with a short reason.
 */
import { detectEpochUnit } from './epoch.js';
import type { FieldKind } from './fields.js';
import { isNumericType, type ValueProfile } from './valueProfile.js';
import { SATISFACTION_BAD, SATISFACTION_GOOD } from './vocabulary.js';

/** A fit factor and why. */
export interface Fit {
  factor: number;
  note: string;
}

const UNKNOWN: Fit = { factor: 0.8, note: 'no sample values' };

function dateFit(p: ValueProfile, wantTime: boolean): Fit {
  if (p.type === 'DATE') return { factor: wantTime ? 0.9 : 1, note: 'DATE column' };
  if (p.type.startsWith('TIMESTAMP')) return { factor: 1, note: 'TIMESTAMP column' };
  if (p.count === 0) return UNKNOWN;
  if (isNumericType(p.type) || (p.numericShare === 1 && p.dateShare === 0)) {
    const unit = detectEpochUnit(p.numbers);
    return unit ? { factor: 0.85, note: `numeric dates (epoch ${unit})` } : { factor: 0.1, note: 'numbers that are not dates' };
  }
  if (p.dateShare >= 0.8) return { factor: 0.95, note: 'date-like text' };
  return { factor: 0.15, note: 'values are not dates' };
}

function numberFit(p: ValueProfile, check?: (n: number) => boolean, what = 'numbers'): Fit {
  if (p.type === 'DATE' || p.type.startsWith('TIMESTAMP') || p.type === 'BOOLEAN') return { factor: 0.05, note: `${p.type} column` };
  if (p.count === 0) return UNKNOWN;
  if (p.numericShare < 0.8) return { factor: 0.15, note: 'values are not numbers' };
  if (check && !p.numbers.every(check)) return { factor: 0.3, note: `numbers outside the expected range for ${what}` };
  return { factor: 1, note: what };
}

function textFit(p: ValueProfile): Fit {
  if (p.type === 'DATE' || p.type.startsWith('TIMESTAMP')) return { factor: 0.3, note: `${p.type} column` };
  if (p.count > 0 && p.dateShare >= 0.8) return { factor: 0.4, note: 'values look like dates' };
  return { factor: 1, note: 'text' };
}

function idFit(p: ValueProfile): Fit {
  if (p.type === 'DATE' || p.type.startsWith('TIMESTAMP') || p.type === 'BOOLEAN' || p.type === 'DOUBLE') return { factor: 0.2, note: `${p.type} column` };
  if (p.count === 0) return UNKNOWN;
  if (p.dateShare >= 0.8) return { factor: 0.2, note: 'values look like dates' };
  if (p.emailShare >= 0.8) return { factor: 1, note: 'e-mail addresses used as ids' };
  return { factor: 1, note: 'identifiers' };
}

function vocabularyFit(p: ValueProfile, share: number, what: string): Fit {
  if (p.count === 0) return UNKNOWN;
  return share >= 0.8 ? { factor: 1, note: what } : { factor: 0.3 + 0.5 * share, note: `few values look like ${what}` };
}

function satisfactionShare(p: ValueProfile): number {
  if (p.count === 0) return 0;
  const ok = p.raw.filter((s) => {
    const l = s.toLowerCase();
    return SATISFACTION_GOOD.includes(l) || SATISFACTION_BAD.includes(l) || /^(offered|unoffered)$/.test(l) || /^[1-5](\.0+)?$/.test(l);
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
      return numberFit(p, undefined, 'amounts');
    case 'integer':
      return numberFit(p, (n) => Number.isInteger(n) && n >= 0, 'counts');
    case 'minutes':
    case 'seconds':
      return numberFit(p, (n) => n >= 0, 'durations');
    case 'percent':
      return numberFit(p, (n) => n >= 0 && n <= 100, 'percentages');
    case 'score':
      return numberFit(p, (n) => n >= 0 && n <= 10, 'scores 0–10');
    case 'boolean':
      if (p.type === 'BOOLEAN') return { factor: 1, note: 'BOOLEAN column' };
      return vocabularyFit(p, p.booleanShare, 'yes/no values');
    case 'currency':
      return vocabularyFit(p, p.currencyShare, 'currency codes');
    case 'interval':
      return vocabularyFit(p, p.intervalShare, 'billing intervals');
    case 'satisfaction':
      return vocabularyFit(p, satisfactionShare(p), 'satisfaction ratings');
    case 'id':
    case 'id_list':
      return idFit(p);
    case 'text':
    case 'status':
    case 'survey':
      return textFit(p);
  }
}
