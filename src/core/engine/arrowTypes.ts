/**
 * Arrow column types by their type id, without importing apache-arrow at run time: the
 * page's first script reads result types (grids, rows) but should not carry Arrow's
 * reader, which is loaded with the first result (see `app/engine/arrowTables.ts`). The
 * ids are the Arrow format's `Type` union (Schema.fbs), which apache-arrow's `Type` enum
 * and `DataType.isX` tests use; a test checks them against apache-arrow.
 */
import type { DataType } from 'apache-arrow';

/** Arrow type ids (the values of apache-arrow's `Type` for the logical types). */
export const ARROW_TYPE = {
  Int: 2,
  Float: 3,
  Utf8: 5,
  Bool: 6,
  Decimal: 7,
  Date: 8,
  Time: 9,
  Timestamp: 10,
  Interval: 11,
  List: 12,
  Struct: 13,
  LargeUtf8: 20,
} as const;

/** A logical Arrow type name of {@link ARROW_TYPE}. */
export type ArrowTypeName = keyof typeof ARROW_TYPE;

/** True when `type` is of the logical Arrow type `name` (as `DataType.isX(type)`). */
export function isArrowType(type: DataType | null | undefined, name: ArrowTypeName): boolean {
  return type?.typeId === ARROW_TYPE[name];
}
