import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ARROW_TYPE, isArrowType, type ArrowTypeName } from '../../src/core/engine/arrowTypes.js';

const names = Object.keys(ARROW_TYPE) as ArrowTypeName[];

/** One instance of many concrete Arrow types, to compare our test with apache-arrow's. */
const samples: arrow.DataType[] = [
  new arrow.Int8(),
  new arrow.Int32(),
  new arrow.Int64(),
  new arrow.Uint16(),
  new arrow.Float32(),
  new arrow.Float64(),
  new arrow.Utf8(),
  new arrow.LargeUtf8(),
  new arrow.Bool(),
  new arrow.Decimal(2, 18),
  new arrow.DateDay(),
  new arrow.DateMillisecond(),
  new arrow.TimeMicrosecond(),
  new arrow.TimestampMicrosecond(),
  new arrow.TimestampMillisecond(),
  new arrow.IntervalDayTime(),
  new arrow.List(new arrow.Field('x', new arrow.Int32())),
  new arrow.Struct([new arrow.Field('a', new arrow.Utf8())]),
  new arrow.Binary(),
  new arrow.Null(),
];

describe('Arrow type ids without apache-arrow at run time', () => {
  it("are apache-arrow's Type values", () => {
    for (const n of names) expect([n, ARROW_TYPE[n]]).toEqual([n, arrow.Type[n]]);
  });

  it("answer as apache-arrow's DataType.isX for every sample type", () => {
    for (const t of samples)
      for (const n of names) {
        const theirs = (arrow.DataType as unknown as Record<string, (x: unknown) => boolean>)[`is${n}`]!(t);
        expect([String(t), n, isArrowType(t, n)]).toEqual([String(t), n, theirs]);
      }
    expect(isArrowType(null, 'Int')).toBe(false);
  });
});
