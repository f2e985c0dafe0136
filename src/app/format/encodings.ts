/**
 * Encoding names for the UI: the picker's options (long labels) and a short name for
 * buttons and messages ("Reload with Shift_JIS").
 */
import { SELECTABLE_ENCODINGS, normalizeEncoding, type EncodingOption } from '../../core/ingest/encoding.js';
import type { Locale } from '../i18n/index.svelte.js';

/** Encodings offered by the picker, most common first. */
export const ENCODING_OPTIONS: readonly EncodingOption[] = SELECTABLE_ENCODINGS;

/** The picker's label of an encoding ("Shift_JIS (Windows-31J / CP932)"); unknown names as given. */
export function encodingLabel(id: string, locale: Locale): string {
  const e = normalizeEncoding(id);
  return SELECTABLE_ENCODINGS.find((o) => o.id === e)?.label[locale] ?? id;
}

/** A short name for buttons and messages ("Shift_JIS", "UTF-16 LE"). */
export function encodingShortName(id: string): string {
  return encodingLabel(id, 'en').replace(/\s*\(.*\)$/, '');
}
