/**
 * Statements every engine runs once at start-up, before any user data is touched.
 *
 * They keep DuckDB from fetching extensions (which would leave the page's origin, and
 * without a network can trap the engine) and fix the session's calendar conventions.
 */
export const STARTUP_SQL: readonly string[] = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  // Never let a query reach outside: no http/s3 file systems, no extension downloads.
  "SET custom_extension_repository = ''",
];
