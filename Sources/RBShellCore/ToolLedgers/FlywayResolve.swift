import Migrations

/// Flyway's failed rows and edited files, tested against the catalog. `flyway repair` removes
/// every failed row and realigns every checksum at once, blind; rbshell resolves one failed
/// migration the way its file's verdict proves — the row removed (none of it is in: the next
/// `migrate` runs it again) or marked successful (all of it is in) — under Flyway's own lock.
/// Pure: the store reads, this decides.
public enum FlywayResolve {
  /// Flyway's checksum of a file: CRC-32 of its lines' UTF-8 bytes without line endings (a
  /// leading byte-order mark dropped), as a signed 32-bit integer.
  public static func checksum(_ text: String) -> Int32 {
    var body = Substring(text)
    if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
    var bytes: [UInt8] = []
    var lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
    if lines.last?.isEmpty == true { lines.removeLast() }
    for line in lines { bytes += Array(line.utf8) }
    return Int32(bitPattern: CRC32.checksum(bytes))
  }

  /// Flyway's PostgreSQL advisory lock: "Flyway" in ASCII plus Java's `hashCode` of the quoted
  /// table name (`"public"."flyway_schema_history"`).
  public static func lockKey(schema: String, table: String) -> Int64 {
    let quoted = "\"\(schema)\".\"\(table)\""
    let hash = quoted.utf16.reduce(Int32(0)) { $0 &* 31 &+ Int32($1) }
    return 0x46_6C79_7761_79 + Int64(hash)
  }

  /// A history row as edits compare it: `rank 3, version 3: failed`.
  public static func words(rank: Int, version: String, success: Bool) -> String {
    "rank \(rank), version \(version): \(success ? "success" : "failed")"
  }

  /// The folder as the history names its migrations: a failed row means Flyway ran it outside a
  /// transaction, its statements committing one by one.
  public static func failing(_ files: [FlywayLayoutReader.File]) -> FailedMigrationFiles {
    FailedMigrationFiles(files.map { ($0.version, .init(definition: $0.definition, atomic: false)) })
  }

  /// The checksum Flyway recorded for an applied version, and its file's now.
  public struct Mismatch: Sendable, Equatable {
    public var recorded: String
    public var file: Int32
  }

  /// Applied versions whose file's checksum is not the one Flyway recorded.
  public static func mismatches(_ ledger: ToolLedger, files: [FlywayLayoutReader.File]) -> [String: FlywayResolve.Mismatch] {
    var mismatches: [String: FlywayResolve.Mismatch] = [:]
    for entry in ledger.entries(.applied) {
      guard let recorded = entry.checksum, let file = files.first(where: { $0.version == entry.version }) else { continue }
      let checksum = checksum(file.text)
      if recorded != String(checksum) { mismatches[entry.version] = Mismatch(recorded: recorded, file: checksum) }
    }
    return mismatches
  }

  /// - Parameter rows: the history as `(rank, version, success)`, newest last.
  /// - Throws: `ToolRepairRefusal` when the version has no failed row, is not in the folder, or
  ///   the catalog contradicts the resolution or cannot decide (without `force`).
  public static func decide(
    _ evidence: ToolLedgerEvidence, files: [FlywayLayoutReader.File], version: String, resolution: PrismaResolve.Resolution, force: Bool
  ) throws(ToolRepairRefusal) -> LedgerEdit {
    let table = evidence.ledger.table
    guard evidence.ledger.entries(.failed).contains(where: { $0.version == version }),
      let index = evidence.rows.lastIndex(where: { $0.hasSuffix(", version \(version): failed") })
    else { throw .notDirty(table: table, rows: evidence.rows.filter { $0.contains("version \(version):") }) }
    guard let file = files.first(where: { $0.version == version }), let analysis = failing(files).analysis(of: version, catalog: evidence.catalog) else {
      throw .resolutionUndecided(table: table, name: version, reason: "the folder has no V\(version)__*.sql")
    }
    let warnings = try PrismaResolve.check(analysis, table: table, name: version, resolution: resolution, force: force)
    var after = evidence.rows
    if resolution == .applied { after[index] = after[index].replacingOccurrences(of: ": failed", with: ": success") } else { after.remove(at: index) }
    let rank = Int(evidence.rows[index].dropFirst("rank ".count).prefix { $0.isNumber }) ?? 0
    return LedgerEdit(
      tool: .flyway, table: table, operation: "resolve --\(resolution.rawValue) \(version)", before: evidence.rows, after: after,
      change: .flywayResolve(rank: rank, resolution: resolution, checksum: checksum(file.text)),
      reason: PrismaResolve.reason(analysis, name: version), warnings: warnings)
  }
}
