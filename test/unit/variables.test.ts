import { describe, expect, it } from 'vitest';
import { bindAsVariables } from '../../src/core/engine/variables.js';

describe('bindAsVariables', () => {
  it('rewrites placeholders but not text in literals or comments', () => {
    const r = bindAsVariables('SELECT CAST($1 AS DATE), \'$1\', "$2" -- $1\n, $2 + $10', [
      'a',
      2,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      'j',
    ]);
    expect(r.sql).toBe(
      "SELECT CAST(getvariable('__p_1') AS DATE), '$1', \"$2\" -- $1\n, getvariable('__p_2') + getvariable('__p_10')",
    );
    expect(r.bindings[0]).toEqual({ sql: 'SET VARIABLE __p_1 = $1', value: 'a' });
    expect(r.bindings).toHaveLength(10);
  });
  it('refuses a placeholder without a value', () => {
    expect(() => bindAsVariables('SELECT $2', ['x'])).toThrow(/\$2 has no value/);
  });
});
