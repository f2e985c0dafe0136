// Minimal typing of the part of jsdom the chart tests use (jsdom ships no types and
// only one dev dependency was added for the DOM).
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string, options?: Record<string, unknown>);
    readonly window: Window & typeof globalThis;
  }
}
