/**
 * The colour theme (light or dark): the system preference unless the user chose,
 * remembered in this browser only. Printing always uses the light colours: the page's
 * colours switch by print CSS (styles.css), charts by {@link chartTheme} while printing.
 */
import { flushSync } from 'svelte';

const KEY = 'kpi-workbench.theme';

function initial(): 'light' | 'dark' {
  try {
    const v = localStorage.getItem(KEY);
    if (v === 'light' || v === 'dark') return v;
  } catch {
    /* no storage */
  }
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const theme = $state({ current: initial(), printing: false });

/** Applies and remembers a theme. */
export function setTheme(t: 'light' | 'dark'): void {
  theme.current = t;
  document.documentElement.dataset.theme = t;
  try {
    localStorage.setItem(KEY, t);
  } catch {
    /* not remembered */
  }
}

/** The theme charts are drawn in: light while printing, else the current theme. */
export function chartTheme(): 'light' | 'dark' {
  return theme.printing ? 'light' : theme.current;
}

/**
 * Marks the page as printing (or not) and redraws at once: the browser lays out the
 * printed pages right after `beforeprint`, before Svelte's next update would run.
 */
export function setPrinting(on: boolean): void {
  if (theme.printing === on) return;
  theme.printing = on;
  flushSync();
}

globalThis.addEventListener?.('beforeprint', () => setPrinting(true));
globalThis.addEventListener?.('afterprint', () => setPrinting(false));
globalThis.matchMedia?.('print').addEventListener?.('change', (e) => setPrinting(e.matches));
