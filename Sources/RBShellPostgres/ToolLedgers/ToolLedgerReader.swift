import PostgresClient
import RBShellCore

/// Finds every other tool's ledger in a database and reads it (read-only; call it inside a
/// read-only transaction for one consistent view).
public struct ToolLedgerReader {
  let connection: Connection

  public init(connection: Connection) { self.connection = connection }

  /// A table that looks like a ledger, before it is read.
  struct Found: Equatable {
    var tool: LedgerTool
    var schema: String
    var name: String
    var readable = true
    /// For SQL.
    var qualified: String { Quoting.qualified(schema, name) }
    /// For people and JSON: `public.flyway_schema_history`.
    var shown: String { "\(schema).\(name)" }
  }

  /// Every ledger found, `only` that tool's when given, in schema and table order.
  /// `golangMigrateTables` names tables golang-migrate was told to use (its `x-migrations-table`).
  public func read(only: LedgerTool? = nil, golangMigrateTables: [String] = []) throws -> [ToolLedger] {
    try readAll(only: only, golangMigrateTables: golangMigrateTables).ledgers
  }

  /// The ledgers this role can read, and the tables it cannot (named, not read: a permission
  /// error would end the snapshot's transaction).
  public func readAll(only: LedgerTool? = nil, golangMigrateTables: [String] = []) throws -> (ledgers: [ToolLedger], unreadable: [String]) {
    let found = try find(only: only, golangMigrateTables: golangMigrateTables)
    return (try found.filter(\.readable).map(read), found.filter { !$0.readable }.map { "\($0.tool.displayName) \($0.shown)" })
  }

  /// One tool's tables, before they are read.
  func tables(of tool: LedgerTool) throws -> [Found] {
    try find(only: tool, golangMigrateTables: [])
  }

  /// golang-migrate's tables (also those named, its `x-migrations-table`), before they are read.
  func golangMigrateTables(named names: [String]) throws -> [Found] {
    try find(only: .golangMigrate, golangMigrateTables: names)
  }

  private func find(only: LedgerTool?, golangMigrateTables: [String]) throws -> [Found] {
    let candidates = ToolLedgerQueries.candidateTables + golangMigrateTables
    let rows = try connection.query(ToolLedgerQueries.detect, [Quoting.arrayLiteral(candidates)]).records
    let tables = try rows.map {
      DetectedTable(
        schema: try $0.requiredString("schema"), name: try $0.requiredString("name"), versionType: try $0.string("version_type"),
        hasDirty: try $0.bool("has_dirty") ?? false, readable: try $0.bool("readable") ?? false)
    }
    return Self.classify(tables, golangMigrateNames: Set(golangMigrateTables)).filter { only == nil || $0.tool == only }
  }

  /// Which tool each detected table belongs to. `schema_migrations` is three tools' name:
  /// golang-migrate's has a bigint `version` and `dirty`; Rails' and dbmate's a text `version`,
  /// Rails' next to `ar_internal_metadata`.
  static func classify(_ tables: [DetectedTable], golangMigrateNames: Set<String> = []) -> [Found] {
    let schemasWithRailsMetadata = Set(tables.filter { $0.name == "ar_internal_metadata" }.map(\.schema))
    let sqitchSchemas = Set(tables.filter { $0.schema == "sqitch" && $0.name == "changes" }.map(\.schema))
      .intersection(tables.filter { $0.schema == "sqitch" && $0.name == "events" }.map(\.schema))
    var found: [Found] = []
    for table in tables {
      let tool: LedgerTool? =
        switch table.name {
        case "flyway_schema_history": .flyway
        case "_prisma_migrations": .prisma
        case "atlas_schema_revisions": .atlas
        case "goose_db_version": .goose
        case "alembic_version": .alembic
        case "events" where sqitchSchemas.contains(table.schema): .sqitch
        case "schema_migrations", "codeintel_schema_migrations", "codeinsights_schema_migrations":
          table.hasDirty
            ? .golangMigrate
            : table.isTextVersion ? (schemasWithRailsMetadata.contains(table.schema) ? .rails : .dbmate) : nil
        case let name where golangMigrateNames.contains(name) && table.hasDirty: .golangMigrate
        default: nil
        }
      if let tool { found.append(Found(tool: tool, schema: table.schema, name: table.name, readable: table.readable)) }
    }
    return found
  }

  private func read(_ table: Found) throws -> ToolLedger {
    let entries: [ToolLedgerEntry] =
      switch table.tool {
      case .golangMigrate: try golangMigrate(table.qualified)
      case .flyway: try flyway(table.qualified)
      case .prisma: try prisma(table.qualified)
      case .atlas: try atlas(table.qualified)
      case .goose: try goose(table.qualified)
      case .alembic:
        try connection.query(ToolLedgerQueries.alembic(table.qualified)).rows.compactMap { $0.first ?? nil }.map {
          ToolLedgerEntry(version: $0, state: .applied, words: "a current head")
        }
      case .sqitch: try sqitch()
      case .rails, .dbmate:
        try connection.query(ToolLedgerQueries.plainVersions(table.qualified)).rows.compactMap { $0.first ?? nil }.map {
          ToolLedgerEntry(version: $0, state: .applied, words: "recorded")
        }
      }
    return ToolLedger(tool: table.tool, table: table.tool == .sqitch ? "sqitch.changes, sqitch.events" : table.shown, entries: entries)
  }

  private func golangMigrate(_ table: String) throws -> [ToolLedgerEntry] {
    try connection.query(ToolLedgerQueries.golangMigrate(table)).records.map { row in
      let version = try row.requiredString("version")
      return try row.bool("dirty") == true
        ? ToolLedgerEntry(
          version: version, state: .failed,
          words:
            "dirty = true: the migration to \(version) started and did not finish (golang-migrate: \"Dirty database version \(version). Fix and force version.\")"
        )
        : ToolLedgerEntry(version: version, state: .applied, words: "the current version; every earlier one applied")
    }
  }

  /// The newest row per version decides (installed_rank order).
  private func flyway(_ table: String) throws -> [ToolLedgerEntry] {
    Self.newestPerVersion(
      try connection.query(ToolLedgerQueries.flyway(table)).records.map { row in
        let version = try row.requiredString("version")
        let name = try row.string("description")
        let type = try row.string("type") ?? ""
        let script = try row.string("script") ?? ""
        if try row.bool("success") == false {
          return ToolLedgerEntry(
            version: version, name: name, state: .failed,
            words: "success = false (\(type) \(script)): flyway migrate stops with \"Detected failed migration to version \(version)\"")
        }
        if type == "DELETE" || type == "UNDO_SQL" {
          return ToolLedgerEntry(version: version, name: name, state: .rolledBack, words: "a \(type) row (\(script))")
        }
        return ToolLedgerEntry(
          version: version, name: name, state: .applied, words: "\(type) \(script)", checksum: type == "SQL" ? try row.string("checksum") : nil)
      })
  }

  /// The newest attempt per migration name decides (started_at order).
  private func prisma(_ table: String) throws -> [ToolLedgerEntry] {
    Self.newestPerVersion(
      try connection.query(ToolLedgerQueries.prisma(table)).records.map { row in
        let name = try row.requiredString("migration_name")
        if try row.bool("rolled_back") == true {
          return ToolLedgerEntry(version: name, state: .rolledBack, words: "rolled_back_at set (`prisma migrate resolve --rolled-back`)")
        }
        if try row.bool("finished") == true { return ToolLedgerEntry(version: name, state: .applied, words: "finished_at set") }
        return ToolLedgerEntry(
          version: name, state: .failed,
          words: "finished_at and rolled_back_at NULL after \(try row.int("applied_steps_count") ?? 0) steps "
            + "(prisma migrate deploy stops with P3009)" + Self.logLine(try row.string("first_log_line")))
      })
  }

  private func atlas(_ table: String) throws -> [ToolLedgerEntry] {
    try connection.query(ToolLedgerQueries.atlas(table)).records.map { row in
      let version = try row.requiredString("version")
      let applied = try row.int("applied") ?? 0
      let total = try row.int("total") ?? 0
      let error = try row.string("error")
      if applied < total || error != nil {
        var words = "applied \(applied) of \(total) statements"
        if let error { words += "; error: \(error)" }
        if let statement = try row.string("error_stmt") { words += "; statement: \(statement)" }
        var entry = ToolLedgerEntry(version: version, name: try row.string("description"), state: .failed, words: words)
        entry.statementsApplied = applied
        return entry
      }
      let resolved = (try row.int("type") ?? 0) & 4 != 0
      return ToolLedgerEntry(
        version: version, name: try row.string("description"), state: .applied,
        words: resolved ? "resolved by `atlas migrate set`" : "applied \(applied) of \(total) statements")
    }
  }

  /// goose inserts a row on up and one with is_applied false on down: the newest decides.
  private func goose(_ table: String) throws -> [ToolLedgerEntry] {
    Self.newestPerVersion(
      try connection.query(ToolLedgerQueries.goose(table)).records.map { row in
        let version = try row.requiredString("version")
        return try row.bool("is_applied") == true
          ? ToolLedgerEntry(version: version, state: .applied, words: "is_applied = true")
          : ToolLedgerEntry(version: version, state: .rolledBack, words: "is_applied = false (rolled back)")
      })
  }

  /// Each change's newest event: a `fail` for a change not deployed is a failure.
  private func sqitch() throws -> [ToolLedgerEntry] {
    try connection.query(ToolLedgerQueries.sqitch).records.map { row in
      let change = try row.requiredString("change")
      let event = try row.string("event") ?? ""
      let at = try row.string("at") ?? ""
      if try row.bool("deployed") == true {
        return ToolLedgerEntry(version: change, state: .applied, words: "deployed (\(event) event at \(at))")
      }
      return event == "fail"
        ? ToolLedgerEntry(version: change, state: .failed, words: "fail event at \(at); not in sqitch.changes")
        : ToolLedgerEntry(version: change, state: .rolledBack, words: "\(event) event at \(at); not in sqitch.changes")
    }
  }

  /// The last entry of each version (rows come oldest first), in the order versions first appear.
  static func newestPerVersion(_ entries: [ToolLedgerEntry]) -> [ToolLedgerEntry] {
    var newest: [String: ToolLedgerEntry] = [:]
    var order: [String] = []
    for entry in entries {
      if newest.updateValue(entry, forKey: entry.version) == nil { order.append(entry.version) }
    }
    return order.compactMap { newest[$0] }
  }

  private static func logLine(_ line: String?) -> String {
    guard let line, !line.isEmpty else { return "" }
    return "; logs: \(line)"
  }
}

/// A table with a ledger's name, as the catalog describes it.
struct DetectedTable: Equatable {
  var schema: String
  var name: String
  var versionType: String?
  var hasDirty: Bool
  var readable = true

  var isTextVersion: Bool { versionType.map { $0.hasPrefix("character varying") || $0 == "text" } ?? false }
}

/// What the tool stores share: the one table a store edits, and its evidence.
extension ToolLedgerReader {
  /// The tool's one ledger table.
  /// - Throws: `ToolLedgerMissing` when there is none, or several.
  func single(_ tool: LedgerTool) throws -> Found {
    let tables = try tables(of: tool)
    guard tables.count == 1, let found = tables.first else { throw ToolLedgerMissing(tool: tool, table: nil, candidates: tables.map(\.shown)) }
    return found
  }

  /// A store's evidence, in one snapshot: the tool's ledger in `found`, the rows an edit is
  /// checked against, and the catalog the ledger's trouble needs (`scope`).
  func evidence(
    in found: Found, golangMigrateTables: [String] = [], scope: (ToolLedger) -> CatalogScope, rows: (Connection) throws -> [String]
  ) throws -> ToolLedgerEvidence {
    try connection.snapshotTransaction {
      guard let ledger = try read(only: found.tool, golangMigrateTables: golangMigrateTables).first(where: { $0.table == found.shown }) else {
        throw ToolLedgerMissing(tool: found.tool, table: found.shown, candidates: [])
      }
      let catalog = try CatalogReader(connection: connection, scope: scope(ledger)).read().catalog
      return ToolLedgerEvidence(ledger: ledger, rows: try rows(connection), catalog: catalog)
    }
  }
}
