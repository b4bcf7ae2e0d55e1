import Migrations
import PostgresClient

/// Several migrations in one simple-protocol query: one round trip for a run of small
/// migrations instead of one each.
///
/// Each migration commits with its ledger row in its own transaction — except that a run of
/// catalog-only migrations (`CatalogOnlyMigration`: drops, renames, comments) shares one, up to
/// `groupLimit`: a 200-migration `downto` of drops otherwise pays the server's per-commit work
/// 200 times. The shared transaction waits at most `groupLockTimeout` for any lock, so it never
/// holds one migration's locks while queueing behind an application for the next; on any
/// failure in it the store rolls it back and runs its migrations alone, as the migrator would
/// (`StepSQL.sequence`). Each migration's ledger row has its own start (noted by the row before
/// it) and returns its own time, the progress line's.
///
/// Notices are the progress channel, and the server flushes its output at each: after each
/// `COMMIT` one `DO` block raises the commit marker then a second notice, the liveness check —
/// if rbshell is gone, the first write to its closed socket draws a reset and the second fails,
/// and the server ends the session before the next migration starts. A shared transaction runs
/// the same check before its `COMMIT`, so a killed rbshell's shared transaction rolls back. A
/// killed rbshell leaves at most the migration in flight. The server stops at the first failing
/// statement and skips the rest of the query.
struct MigrationSequence {
  static let marker = "rbshell: committed migration "
  static let liveness = "rbshell: next migration"
  static let groupLimit = 50
  static let groupLockTimeout = "100ms"
  /// Where the session keeps the time the next migration starts.
  static let startedSetting = "rbshell.migration_started"
  /// The column of a migration's ledger row result that carries its own time, in seconds.
  static let secondsColumn = "rbshell_migration_seconds"

  struct Migration {
    let body: String
    /// The ledger row's statement, given the expression for its `started_at`.
    let ledgerRow: (String) -> String
    let catalogOnly: Bool
  }

  let scripts: [MigrationScript]
  /// The transactions: runs of migrations, most of one.
  let groups: [Range<Int>]
  /// The query, and where each migration's own script starts in it (in code points, as the
  /// server counts error positions). Built once: a failure maps its position through it.
  let layout: (text: String, starts: [Int])

  init(migrations: [Migration]) {
    let groups = Self.groups(migrations.map(\.catalogOnly))
    scripts = groups.flatMap { group in
      group.map { index in
        let row = migrations[index].ledgerRow(Self.started) + Self.returning
        return group.count == 1
          ? MigrationScript(body: migrations[index].body, ledgerRow: row)
          : MigrationScript(body: migrations[index].body, ledgerRow: row, opening: "", closing: "")
      }
    }
    self.groups = groups
    layout = Self.layout(scripts, groups: groups)
  }

  /// A migration's start: noted by the ledger row before it (or the query's first statement).
  /// Not `now()`: every transaction of a multi-statement query starts at the query's arrival.
  private static let started = "current_setting('\(startedSetting)')::timestamptz"
  private static let stamp = "set_config('\(startedSetting)', clock_timestamp()::text, false)"
  /// What each ledger row returns: its migration's own time, and the next one's start noted.
  private static let returning = " RETURNING extract(epoch FROM finished_at - started_at) AS \(secondsColumn), \(stamp)"

  /// Consecutive catalog-only migrations, at most `groupLimit` together; every other alone.
  static func groups(_ catalogOnly: [Bool]) -> [Range<Int>] {
    var groups: [Range<Int>] = []
    var start = 0
    while start < catalogOnly.count {
      var end = start + 1
      if catalogOnly[start] {
        while end < catalogOnly.count, catalogOnly[end], end - start < groupLimit { end += 1 }
      }
      groups.append(start..<end)
      start = end
    }
    return groups
  }

  private static func layout(_ scripts: [MigrationScript], groups: [Range<Int>]) -> (text: String, starts: [Int]) {
    var text = ""
    var starts: [Int] = []
    var length = 0
    func append(_ part: String) {
      text += part
      length += part.unicodeScalars.count
    }
    append("SELECT \(stamp);\n")
    for group in groups {
      if group.count > 1 { append("BEGIN;\nSET LOCAL lock_timeout = '\(groupLockTimeout)';\n") }
      for index in group {
        starts.append(length)
        append(scripts[index].text + "\n")
      }
      if group.count > 1 { append(notices([liveness, liveness]) + "\nCOMMIT;\n") }
      let last = group.upperBound - 1
      append(notices([marker + String(last)] + (last + 1 < scripts.count ? [liveness] : [])) + "\n")
    }
    return (text, starts)
  }

  /// One `DO` block raising each notice in turn, each flushed on its own (the texts hold no quote).
  static func notices(_ texts: [String]) -> String {
    "DO $rbshell$BEGIN " + texts.map { "RAISE NOTICE '\($0)'; " }.joined() + "END$rbshell$;"
  }

  /// The index of the last migration a marker notice says committed.
  static func committed(_ message: String) -> Int? {
    message.hasPrefix(marker) ? Int(message.dropFirst(marker.count)) : nil
  }

  static func isOwn(_ message: String) -> Bool { message.hasPrefix(marker) || message == liveness }

  /// A migration's own time, from its ledger row's result.
  static func seconds(_ result: QueryResult) -> Double? {
    guard result.columns.first == secondsColumn, let value = result.rows.first?.first ?? nil else { return nil }
    return Double(value)
  }

  /// The migrations that share migration `index`'s transaction (the last one's for an index
  /// past the end: a failed final `COMMIT`).
  func transaction(of index: Int) -> Range<Int> {
    groups.first { $0.contains(min(index, scripts.count - 1)) } ?? index..<index + 1
  }

  /// The failing line of migration `index`'s file, from the server's position in the whole query.
  func line(of position: Int?, inMigration index: Int, completed: Int, strings: SQLLexer.StringRule) -> Int? {
    scripts[index].line(of: position.map { $0 - layout.starts[index] }, completed: completed, strings: strings)
  }
}

/// What a running sequence has shown so far: how many migrations ran and committed, and how
/// many statements of the one in flight completed since its `BEGIN` (itself included) — where a
/// failure without a position lies.
struct SequenceState {
  var ran = 0
  var committed = 0
  var sinceBegin = 0
  var shown: [String] = []
}
