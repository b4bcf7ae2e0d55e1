import Migrations
import PostgresClient
import RBShellCore

/// golang-migrate's ledger table for the write runner: read with the catalog a dirty version's
/// verdict needs, locked with golang-migrate's own advisory keys (every variant its driver has
/// used, so a running `migrate` and rbshell exclude each other), and changed as `migrate force`
/// changes it, in one transaction, only while it still holds what was decided on.
public final class GolangMigrateStore: ToolLockedStore {
  let connection: Connection
  let found: ToolLedgerReader.Found
  let definitions: [Definition]
  public let toolLock: ToolLock
  public let database: DatabaseLabel

  /// - Parameters:
  ///   - table: the table golang-migrate was told to use (`--table`); else the one
  ///     golang-migrate table in the database.
  ///   - definitions: the migrations folder, read (the catalog is read for its dirty version).
  /// - Throws: `ToolLedgerMissing` when there is no such table, or several and none named.
  public init(connection: Connection, table: String?, definitions: [Definition]) throws {
    self.connection = connection
    let tables = try ToolLedgerReader(connection: connection).golangMigrateTables(named: table.map { [$0] } ?? [])
    let chosen = table.map { name in tables.filter { $0.name == name || $0.shown == name } } ?? tables
    guard chosen.count == 1, let found = chosen.first else {
      throw ToolLedgerMissing(tool: .golangMigrate, table: table, candidates: chosen.map(\.shown))
    }
    self.found = found
    self.definitions = definitions
    let name = try connection.query("SELECT current_database()").scalar ?? ""
    let keys = KnownLocks.golangMigrateKeys(database: name, table: found.name, schema: found.schema)
    toolLock = ToolLock(
      connection: connection, keys: keys,
      name: "golang-migrate's lock on \(found.shown) (advisory keys \(keys.map(String.init).joined(separator: ", ")))")
    database = DatabaseLabel(connection.endpoint)
  }

  public func read() throws -> ToolLedgerEvidence {
    // The catalog a verdict on the dirty version (if any) needs, read in the same snapshot.
    let scope = { (ledger: ToolLedger) in
      ledger.entries(.failed).first.flatMap { Int($0.version) }.map { GolangMigrateVerdict.scope(dirty: $0, definitions: self.definitions) }
        ?? CatalogScope()
    }
    return try ToolLedgerReader(connection: connection).evidence(in: found, golangMigrateTables: [found.name], scope: scope, rows: rows)
  }

  private func rows(_ connection: Connection) throws -> [String] {
    try connection.query("SELECT version, dirty FROM \(found.qualified) ORDER BY version").records.map {
      GolangMigrateForce.words(version: Int(try $0.requiredString("version")) ?? 0, dirty: try $0.requiredBool("dirty"))
    }
  }

  public func statements(for edit: LedgerEdit) -> [String] {
    switch edit.change {
    case .golangMigrateForce(let version): setVersion(version)
    case .golangMigrateDown(let steps): steps.flatMap(statements(of:))
    default: []
    }
  }

  /// One down step as the preview shows it.
  private func statements(of step: GolangMigrateDown.Step) -> [String] {
    let where_ = step.outsideTransaction ? ", outside a transaction" : ""
    let file: String = "-- down of \(step.version) (\(step.name))\(where_), then version \(step.then)\n" + step.sql
    let dirty: [String] = step.outsideTransaction ? setVersion(step.then, dirty: true) : []
    return dirty + [file] + setVersion(step.then)
  }

  /// golang-migrate's `SetVersion(V, dirty)`: the table holds `(V, dirty)`; a clean -1 (no
  /// migration) leaves it empty, a dirty one is written as golang-migrate writes it.
  private func setVersion(_ version: Int, dirty: Bool = false) -> [String] {
    ["DELETE FROM \(found.qualified)"]
      + (version == -1 && !dirty ? [] : ["INSERT INTO \(found.qualified) (version, dirty) VALUES (\(version), \(dirty))"])
  }

  public func apply(_ edit: LedgerEdit, progress: (String) -> Void) throws {
    switch edit.change {
    case .golangMigrateForce:
      try GuardedEdit.apply(edit, on: connection, table: found, shown: found.shown, rows: rows, statements: statements(for: edit))
    case .golangMigrateDown(let steps):
      var reverted: [Int] = []
      for step in steps {
        let before = [GolangMigrateForce.words(version: step.version, dirty: false)]
        let change = LedgerEdit(tool: .golangMigrate, table: edit.table, operation: edit.operation, before: before, after: [], change: edit.change, reason: "")
        do {
          if step.outsideTransaction {
            // golang-migrate's own protocol: the dirty version committed first, the file alone.
            try GuardedEdit.apply(
              change, on: connection, table: found, shown: found.shown, rows: rows, statements: setVersion(step.then, dirty: true))
            try connection.execute(step.sql)
            try connection.transaction { c in for statement in setVersion(step.then) { try c.run(statement) } }
          } else {
            try GuardedEdit.apply(
              change, on: connection, table: found, shown: found.shown, rows: rows, statements: [step.sql] + setVersion(step.then))
          }
        } catch let error as PostgresError {
          throw GolangMigrateDownFailure(step: step, error: error, reverted: reverted, table: found.shown, lost: !connection.isAlive)
        }
        reverted.append(step.version)
        progress("reverted \(step.version) (\(step.name)): the table says \(step.then == -1 ? "no version" : "version \(step.then)"), clean")
      }
    default:
      throw DirectWriteRefusal("\(edit.operation) is not a golang-migrate edit")
    }
  }
}

/// A down file failed: it and its version change were rolled back together; the ones before it
/// stay reverted, and the table is clean at the version they reached.
public struct GolangMigrateDownFailure: Error, CustomStringConvertible {
  let step: GolangMigrateDown.Step
  let error: PostgresError
  let reverted: [Int]
  let table: String
  let lost: Bool

  public var description: String {
    "the down file of \(step.version) (\(step.name)) failed: \(error.description); "
      + (step.outsideTransaction
        ? "it ran outside a transaction, so \(table) says version \(step.then), dirty, as golang-migrate leaves it: "
          + "check what it did (rbshell diagnose --tool golang-migrate), then repair force"
        : lost
          ? "the connection was lost: the server rolled it back"
          : "it was rolled back with its version change: \(table) says version \(step.version), clean")
      + (reverted.isEmpty ? "" : " (reverted before it: \(reverted.map(String.init).joined(separator: ", ")))")
  }
}

/// No golang-migrate table to repair (or several, and none named).
public struct ToolLedgerMissing: Error, CustomStringConvertible {
  public var tool: LedgerTool
  public var table: String?
  public var candidates: [String]

  public var description: String {
    if candidates.count > 1 {
      return "several \(tool.displayName) tables: \(candidates.joined(separator: ", ")): name one with --table"
    }
    return "no \(tool.displayName) table\(table.map { " named \($0)" } ?? "") in this database (rbshell ledgers lists what there is)"
  }
}
