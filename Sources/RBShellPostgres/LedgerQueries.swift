/// The SQL rbshell reads ledgers with. Each is one statement with a fixed cost in round trips,
/// whatever the ledger's size.
enum LedgerQueries {
  /// Which ledger tables exist, resolved through the search path as the migrator resolves them.
  /// Also whether `migration_logs` has its `backfilled` column: the store added it after 3.37,
  /// so a ledger last written by an early migrator lacks it until a newer one runs.
  /// The golang-migrate table counts only with its `dirty` column: Rails and dbmate keep a
  /// `schema_migrations` of their own (text versions, no flag), which is not Sourcegraph's.
  static let presence = """
    SELECT to_regclass('migration_logs') IS NOT NULL AS has_logs,
           EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1)
                   AND attname = 'dirty' AND NOT attisdropped) AS has_legacy,
           EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('migration_logs')
                   AND attname = 'backfilled' AND NOT attisdropped) AS has_backfilled
    """

  /// How a query reads `backfilled`, which ledgers of early 3.37-era migrators lack.
  enum Backfilled {
    /// The table has the column.
    case column
    /// It has not: nothing was backfilled.
    case absent
    /// Not known: read from each row, which costs little for the few rows of some versions.
    case perRow

    init(columnExists: Bool) { self = columnExists ? .column : .absent }

    func value(of alias: String) -> String {
      switch self {
      case .column: "\(alias).backfilled"
      case .absent: "false"
      case .perRow: "coalesce((to_jsonb(\(alias)) ->> 'backfilled')::boolean, false)"
      }
    }

    /// The sort key "real rows first", or nothing where no row is backfilled (PostgreSQL
    /// refuses a bare constant in ORDER BY).
    func orderTerm(of alias: String) -> String { self == .absent ? "" : value(of: alias) + ", " }
  }

  /// The migrator's row filter: drops finished failed reverts. Written exactly as the migrator
  /// writes it, so SQL's three-valued logic also drops down rows with NULL `success` and a
  /// non-NULL `finished_at`.
  static let keptByMigrator = "NOT (NOT up AND NOT success AND finished_at IS NOT NULL)"

  static func rowCounts(_ backfilled: Backfilled) -> String {
    """
    SELECT count(*) AS total,
           count(*) FILTER (WHERE \(backfilled.value(of: "migration_logs"))) AS backfilled,
           count(*) FILTER (WHERE (\(keptByMigrator)) IS NOT TRUE) AS ignored
    FROM migration_logs
    WHERE schema = $1
    """
  }

  /// The deciding row per version: real rows before backfilled ones, then the newest attempt;
  /// `id` breaks the ties the migrator leaves unordered, so the answer is stable. The sort runs
  /// over narrow rows and the wide columns (error text) are joined back for the winners only,
  /// which is a third faster on large ledgers.
  static func decidingRows(_ backfilled: Backfilled) -> String { decidingRows(filter: "", backfilled) }

  /// The deciding rows of some versions only (`$2`, an int array): to verify a plan's effect.
  static let decidingRowsOfVersions = decidingRows(filter: " AND version = ANY($2::int[])", .perRow)

  private static func decidingRows(filter: String, _ backfilled: Backfilled) -> String {
    """
    SELECT l.version, l.up, l.success, \(backfilled.value(of: "l")) AS backfilled, l.error_message,
           extract(epoch FROM l.started_at)::float8 AS started_at,
           extract(epoch FROM l.finished_at)::float8 AS finished_at
    FROM (
      SELECT DISTINCT ON (version) id
      FROM migration_logs
      WHERE schema = $1 AND \(keptByMigrator)\(filter)
      ORDER BY version, \(backfilled.orderTerm(of: "migration_logs"))started_at DESC, id DESC
    ) AS deciding
    JOIN migration_logs AS l USING (id)
    ORDER BY l.version
    """
  }

  /// golang-migrate's one-row table; the name is one of three constants, quoted anyway.
  static func legacyRows(table: String) -> String {
    "SELECT version::bigint AS version, dirty FROM \(table) ORDER BY version"
  }

  /// Raw ledger rows for the shell's `log` (newest first, `$2` of them) and `show` (one version,
  /// `$2`, oldest first): every attempt, not only the deciding one.
  static func rawRows(newest: Bool) -> String {
    let filter = newest ? "" : " AND version = $2"
    let order = newest ? "ORDER BY id DESC LIMIT $2" : "ORDER BY id"
    return """
      SELECT id, version, up, success,
             to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started,
             \(Backfilled.perRow.value(of: "l")) AS backfilled,
             split_part(error_message, E'\\n', 1) AS error
      FROM migration_logs l WHERE schema = $1\(filter) \(order)
      """
  }
}
