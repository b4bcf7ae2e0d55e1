import Migrations

/// `rbshell repair force --tool golang-migrate`: golang-migrate's `force`, at the version the
/// catalog proves (`GolangMigrateVerdict`), never a guess. Pure: the store reads, this decides.
public enum GolangMigrateForce {
  /// golang-migrate's rows in the words edits compare: `version 2, dirty`.
  public static func words(version: Int, dirty: Bool) -> String { "version \(version), \(dirty ? "dirty" : "clean")" }

  /// - Parameters:
  ///   - requested: the version asked for (`--version`; -1 for none applied), or nil for the
  ///     verdict's.
  ///   - force: set `requested` even when the catalog contradicts it or cannot decide.
  /// - Throws: `ToolRepairRefusal` when the table is not dirty, the definitions lack the dirty
  ///   version, the verdict cannot decide, or it contradicts `requested`, without `force`.
  public static func decide(
    _ evidence: ToolLedgerEvidence, definitions: [Definition], requested: Int?, force: Bool
  ) throws(ToolRepairRefusal) -> LedgerEdit {
    let table = evidence.ledger.table
    guard let entry = evidence.ledger.entries(.failed).first, let dirty = Int(entry.version) else {
      throw .notDirty(table: table, rows: evidence.rows)
    }
    let verdict = GolangMigrateVerdict.decide(dirty: dirty, definitions: definitions, catalog: evidence.catalog)
    if let requested, requested < -1 { throw .badVersion(requested) }
    let target: Int
    var warnings: [String] = []
    let reason: String
    switch (verdict?.force, requested) {
    case (let proven?, nil):
      (target, reason) = (proven, verdict!.reason)
    case (let proven?, let asked?) where proven == asked:
      (target, reason) = (asked, verdict!.reason)
    case (let proven, let asked?):
      guard force else { throw .contradicts(table: table, requested: asked, proven: proven, reason: verdict?.reason ?? "no migration \(dirty) in the folder") }
      target = asked
      reason = "--force: version \(asked) although " + (verdict.map { "the catalog says \($0.reason)" } ?? "the folder has no migration \(dirty)")
      warnings.append(reason)
    case (nil, nil):
      throw .undecided(table: table, dirty: dirty, reason: verdict?.reason ?? "the folder has no migration \(dirty)")
    }
    return LedgerEdit(
      tool: .golangMigrate, table: table, operation: "force \(target)", before: evidence.rows,
      after: target == -1 ? [] : [words(version: target, dirty: false)], change: .golangMigrateForce(version: target), reason: reason,
      warnings: warnings)
  }
}

/// Why a repair of another tool's ledger was refused before anything was written.
public enum ToolRepairRefusal: Error, Equatable, CustomStringConvertible {
  case notDirty(table: String, rows: [String])
  case undecided(table: String, dirty: Int, reason: String)
  case contradicts(table: String, requested: Int, proven: Int?, reason: String)
  case badVersion(Int)
  case nothingRan(table: String, version: Int)
  case nothingLeft(table: String, change: String)
  case dirtyLedger(table: String, rows: [String])
  case downTarget(table: String, target: Int, reason: String)
  case resolutionUndecided(table: String, name: String, reason: String)
  case resolutionContradicts(table: String, name: String, requested: String, verdict: String)

  public var description: String {
    switch self {
    case .notDirty(let table, let rows):
      "\(table) is not dirty (\(rows.isEmpty ? "empty" : rows.joined(separator: "; "))): there is nothing to force; nothing was written"
    case .undecided(let table, let dirty, let reason):
      "\(table) is dirty at \(dirty), but the catalog cannot decide which version the schema is at (\(reason)): finish or undo it by hand, then name the version with --version V --force; nothing was written"
    case .contradicts(let table, let requested, let proven, let reason):
      "\(table): the catalog says \(proven.map { "the schema is at \($0)" } ?? "nothing certain") (\(reason)), not \(requested): "
        + "run without --version to force \(proven.map(String.init) ?? "the proven version"), or add --force to set \(requested) anyway; nothing was written"
    case .badVersion(let version): "--version \(version): golang-migrate versions are -1 (none applied) or above; nothing was written"
    case .resolutionUndecided(let table, let name, let reason):
      "\(table): the catalog cannot decide whether \(name) ran (\(reason)): finish or undo it by hand (prisma db execute), then resolve it, or add --force; nothing was written"
    case .resolutionContradicts(let table, let name, let requested, let verdict):
      "\(table): the catalog contradicts resolving \(name) as \(requested) (\(verdict)): resolve it the other way, or add --force; nothing was written"
    case .dirtyLedger(let table, let rows):
      "\(table) is dirty (\(rows.joined(separator: "; "))): repair it first (rbshell diagnose --tool golang-migrate); nothing was written"
    case .downTarget(let table, let target, let reason):
      "\(table): cannot go down to \(target): \(reason); nothing was written"
    case .nothingLeft(let table, let change):
      "\(table): none of \(change)'s deploy script is in the catalog: nothing is left to undo (the next sqitch deploy runs it again); nothing was written"
    case .nothingRan(let table, let version):
      "\(table) has no row for \(version) and none of its statements is in the catalog: there is nothing to record (the tool's own next run applies it); nothing was written"
    }
  }
}
