/**
 * The UI language and message lookup. The default comes from the browser's language;
 * the choice is remembered in this browser only (localStorage).
 */
import { en, type MessageKey } from './en.js';
import { ja } from './ja.js';

export type Locale = 'en' | 'ja';

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, ja };
const STORAGE_KEY = 'kpi-workbench.locale';

/** Picks the initial locale: a stored choice, else the browser's language. */
export function initialLocale(stored: string | null, languages: readonly string[]): Locale {
  if (stored === 'en' || stored === 'ja') return stored;
  for (const l of languages) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'ja') return 'ja';
    if (base === 'en') return 'en';
  }
  return 'en';
}

function readStored(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export const i18n = $state({
  locale: initialLocale(readStored(), globalThis.navigator?.languages ?? []) as Locale,
});

/** Switches the UI language and remembers it. */
export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode: not remembered */
  }
  if (globalThis.document) document.documentElement.lang = locale;
}

/** Formats a message with `{name}` placeholders in the current language. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = CATALOGUES[i18n.locale][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}

/** Picks the current language's text of a bilingual value. */
export function pick(text: { en: string; ja: string }): string {
  return text[i18n.locale];
}
