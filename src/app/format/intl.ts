/**
 * Shared Intl formatters, one per language tag and options. Building an Intl formatter
 * costs far more than formatting with one: a table of a few thousand cells, or a chart's
 * axes, tooltips and panels, would spend most of their time constructing them. Used by the
 * UI's formatting (`numbers.ts`) and by the chart layer alike.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A shared Intl.NumberFormat for a BCP 47 tag (`en-US`, `ja-JP`) and options. */
export function intlNumber(tag: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${tag}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(tag, options)));
  return f;
}

/** A shared Intl.DateTimeFormat for a BCP 47 tag and options. */
export function intlDate(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(tag, options)));
  return f;
}
