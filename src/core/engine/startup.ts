/**
 * Statements every engine runs once at start-up, before any user data is touched.
 *
 * They keep DuckDB from fetching extensions (which would leave the page's origin, and
 * without a network can trap the engine) and put the user's tables in compressed memory.
 */
export const STARTUP_SQL: readonly string[] = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  // Never let a query reach outside: no http/s3 file systems, no extension downloads.
  "SET custom_extension_repository = ''",
  // Tables live in an in-memory database that compresses them (dictionary, FSST, bit
  // packing): measured at size s, events take 21 MB instead of 99 MB, the load is 10 %
  // slower in wasm and queries are no slower. It is what lets a gigabyte export fit in the
  // wasm heap (4 GiB at most). Unqualified names (`main.x`, `kpi.x`) resolve in it.
  "ATTACH ':memory:' AS kpiw (COMPRESS)",
  'USE kpiw',
];
