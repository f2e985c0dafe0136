/**
 * Line-break normalisation of UTF-8 bytes: CRLF and lone CR become LF.
 *
 * DuckDB 1.4's strict CSV reader rejects files that mix line-break styles, including the
 * most common Excel case: CRLF between rows and a bare LF inside a quoted cell
 * (Alt+Enter). Giving it LF-only bytes sidesteps all of that; a CRLF inside a quoted
 * value becomes LF, which is also what users expect to see in the loaded text.
 */

/** Streaming state: a CR at the very end of the previous slice. */
export interface NewlineState {
  pendingCR: boolean;
}

/** A fresh {@link NewlineState}. */
export function newlineState(): NewlineState {
  return { pendingCR: false };
}

/**
 * Returns `bytes` with CRLF and lone CR replaced by LF. Returns the input itself (no copy)
 * when it contains no CR and no CRLF was split at the previous slice boundary.
 */
export function normalizeNewlines(bytes: Uint8Array, state: NewlineState): Uint8Array {
  let i = 0;
  if (state.pendingCR) {
    state.pendingCR = false;
    if (bytes[0] === 0x0a) i = 1; // second half of a CRLF whose CR was already turned into LF
  }
  const firstCR = bytes.indexOf(0x0d, i);
  if (firstCR < 0) return i === 0 ? bytes : bytes.subarray(i);
  const out = new Uint8Array(bytes.length - i);
  out.set(bytes.subarray(i, firstCR), 0);
  let o = firstCR - i;
  const n = bytes.length;
  for (let k = firstCR; k < n; k++) {
    const b = bytes[k] as number;
    if (b !== 0x0d) {
      out[o++] = b;
      continue;
    }
    out[o++] = 0x0a;
    if (k + 1 < n) {
      if (bytes[k + 1] === 0x0a) k++;
    } else {
      state.pendingCR = true;
    }
  }
  return out.subarray(0, o);
}
