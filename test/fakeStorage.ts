/**
 * An in-memory Web Storage for tests (what the page's localStorage is to the core);
 * `failWrites` makes every write (set or remove) throw, like a full quota or a
 * blocked storage.
 */
import type { StorageLike } from '../src/core/mapping/index.js';

export class FakeStorage implements StorageLike {
  readonly data = new Map<string, string>();
  failWrites = false;
  get length(): number {
    return this.data.size;
  }
  key(i: number): string | null {
    return [...this.data.keys()][i] ?? null;
  }
  getItem(k: string): string | null {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.data.set(k, v);
  }
  removeItem(k: string): void {
    if (this.failWrites) throw new Error('SecurityError');
    this.data.delete(k);
  }
}
