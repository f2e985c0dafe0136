/**
 * The colour theme (light or dark): the system preference unless the user chose,
 * remembered in this browser only.
 */
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

export const theme = $state({ current: initial() });

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
