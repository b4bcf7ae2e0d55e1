/// The SQL rbshell reads ledgers with. Each is one statement with a fixed cost in round trips,
/// whatever the ledger's size.
enum LedgerQueries {
  /// Which ledger tables exist, resolved through the search path as the migrator resolves them.
  /// Also whether `migration_logs` has its `backfilled` column: the store added it after 3.37,
  /// so a ledger last written by an early migrator lacks it until a newer one runs.
  static let presence = """
    SELECT to_regclass('migration_logs') IS NOT NULL AS has_logs,
           to_regclass($1) IS NOT NULL AS has_legacy,
           EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('migration_logs')
                   AND attname = 'backfilled' AND NOT attisdropped) AS has_backfilled
    """

  /// The `backfilled` column, or `false` where the table predates it (nothing was backfilled).
  static func backfilled(_ present: Bool) -> String { present ? "backfilled" : "false" }

  /// The migrator's row filter: drops finished failed reverts. Written exactly as the migrator
  /// writes it, so SQL's three-valued logic also drops down rows with NULL `success` and a
  /// non-NULL `finished_at`.
  static let keptByMigrator = "NOT (NOT up AND NOT success AND finished_at IS NOT NULL)"

  static func rowCounts(backfilled: String) -> String {
    """
    SELECT count(*) AS total,
           count(*) FILTER (WHERE \(backfilled)) AS backfilled,
           count(*) FILTER (WHERE (\(keptByMigrator)) IS NOT TRUE) AS ignored
    FROM migration_logs
    WHERE schema = $1
    """
  }

  /// The deciding row per version: real rows before backfilled ones, then the newest attempt;
  /// `id` breaks the ties the migrator leaves unordered, so the answer is stable. The sort runs
  /// over narrow rows and the wide columns (error text) are joined back for the winners only,
  /// which is a third faster on large ledgers.
  static func decidingRows(backfilled: String) -> String { decidingRows(filter: "", backfilled: backfilled) }

  /// The deciding rows of some versions only (`$2`, an int array): to verify a plan's effect.
  static func decidingRowsOfVersions(backfilled: String) -> String {
    decidingRows(filter: " AND version = ANY($2::int[])", backfilled: backfilled)
  }

  private static func decidingRows(filter: String, backfilled: String) -> String {
    """
    SELECT l.version, l.up, l.success, \(backfilled == "false" ? "false" : "l.backfilled") AS backfilled, l.error_message,
           extract(epoch FROM l.started_at)::float8 AS started_at,
           extract(epoch FROM l.finished_at)::float8 AS finished_at
    FROM (
      SELECT DISTINCT ON (version) id
      FROM migration_logs
      WHERE schema = $1 AND \(keptByMigrator)\(filter)
      ORDER BY version, \(backfilled == "false" ? "" : "backfilled, ")started_at DESC, id DESC
    ) AS deciding
    JOIN migration_logs AS l USING (id)
    ORDER BY l.version
    """
  }

  /// golang-migrate's one-row table; the name is one of three constants, quoted anyway.
  static func legacyRows(table: String) -> String {
    "SELECT version::bigint AS version, dirty FROM \(table) ORDER BY version"
  }
}
