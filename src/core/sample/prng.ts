/**
 * A small seeded pseudo-random number generator (sfc32, seeded through a 32-bit
 * integer hash) and stateless hashing helpers. Written here rather than imported so
 * the sample data stays byte-identical for a seed on every platform and release.
 *
 * Only integer arithmetic drives the state; floats are derived from it. The few
 * transcendental helpers (`normal`, `exponential`) use `Math.log`/`Math.cos`, which
 * V8 computes with a fixed fdlibm port, so Node output is reproducible.
 */

/** Mixes a 32-bit integer into a well-distributed 32-bit integer (lowbias32). */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes a list of integers (each taken modulo 2^32) into one 32-bit integer. */
export function hashInts(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = mix32((h ^ mix32(p >>> 0)) + 0x6d2b79f5);
  }
  return h >>> 0;
}

/** FNV-1a hash of a string's UTF-16 code units, for turning labels into stream tags. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A uniform float in [0, 1) derived statelessly from integers (no generator object). */
export function hashFloat(...parts: readonly number[]): number {
  return hashInts(...parts) / 4294967296;
}

/** Seeded generator (sfc32) with the distributions the sample generator needs. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Creates a generator whose stream is fully determined by `parts`. */
  constructor(...parts: readonly number[]) {
    const h = hashInts(...parts);
    this.a = mix32(h ^ 0xa0761d65);
    this.b = mix32(h ^ 0xe7037ed1);
    this.c = mix32(h ^ 0x8ebc6af0);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Next unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** An element chosen with the given (non-negative, not all zero) weights. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** Normal variate (Box–Muller, one value per call). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.float();
    const v = this.float();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Exponential variate with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** Log-normal variate with the given median and log-scale spread. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** Poisson variate (Knuth's method; meant for small means). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }
}
