/**
 * Colours. Choice: explicit colours from `options.theme`, written into the SVG (not CSS
 * variables, not `currentColor` inherited from the page), so a chart looks the same when
 * serialised, exported or snapshotted. Text/grid/background follow the app's panel colours
 * (styles.css `--panel`, `--text`, `--muted`, `--border`).
 *
 * Categorical colours: Okabe & Ito (2008), safe for the common colour-vision deficiencies;
 * the order is tuned per theme so the first series keep contrast against the background.
 * Sequential fills: Plot's `blues` on light, `viridis` on dark (both perceptually ordered and
 * colour-blind safe; in both the low end is the one closest to the background).
 */
import type { ChartTheme } from './types.js';

export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

export interface ThemeColors {
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  /** Neutral fill (passives, "other"). */
  neutral: string;
  /** Categorical palette, in order of use. */
  categorical: readonly string[];
  /** Plot colour scheme name for sequential fills. */
  sequential: 'blues' | 'viridis';
  /** Text colour over the dark / light end of the sequential scheme. */
  onDark: string;
  onLight: string;
  /** Okabe-Ito colours, with black swapped for a light grey on dark backgrounds. */
  semantic: {
    good: string;
    bad: string;
    warn: string;
    info: string;
    accent: string;
    other: string;
  };
}

const O = OKABE_ITO;

export const THEMES: Record<ChartTheme, ThemeColors> = {
  light: {
    background: '#ffffff',
    foreground: '#1b2430',
    muted: '#5b6675',
    grid: '#dde2e8',
    neutral: '#b8bec6',
    categorical: [O.blue, O.orange, O.bluishGreen, O.vermillion, O.reddishPurple, O.skyBlue, O.yellow, '#5b6675'],
    sequential: 'blues',
    onDark: '#ffffff',
    onLight: '#1b2430',
    semantic: {
      good: O.bluishGreen,
      bad: O.vermillion,
      warn: O.orange,
      info: O.skyBlue,
      accent: O.blue,
      other: O.reddishPurple,
    },
  },
  dark: {
    background: '#1b2129',
    foreground: '#e6e9ee',
    muted: '#9aa5b4',
    grid: '#2e3743',
    neutral: '#6b7685',
    categorical: [O.skyBlue, O.orange, O.bluishGreen, O.vermillion, O.reddishPurple, O.yellow, O.blue, '#c9d1db'],
    sequential: 'viridis',
    onDark: '#ffffff',
    onLight: '#111111',
    semantic: {
      good: O.bluishGreen,
      bad: O.vermillion,
      warn: O.orange,
      info: O.skyBlue,
      accent: O.skyBlue,
      other: O.reddishPurple,
    },
  },
};

export function themeColors(theme: ChartTheme): ThemeColors {
  return THEMES[theme] ?? THEMES.light;
}

/** The i-th categorical colour (wraps around). */
export function categorical(theme: ChartTheme, i: number): string {
  const c = themeColors(theme).categorical;
  return c[i % c.length]!;
}
