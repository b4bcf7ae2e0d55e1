import Foundation
import Migrations
import PostgresClient
import RBShellCore

/// `rbshell drift`: builds the schema the migrations make in a scratch database — applied by the
/// same `WriteRunner` and store as every write, in plan order — reads both catalogs and compares
/// them. Only the scratch database is written; the live one is read in one read-only snapshot.
public struct DriftService {
  public struct Options {
    /// A server where rbshell may create the scratch database (nil: the live one).
    public var scratchDSN: String?
    /// Reuse a kept scratch database of the same build, or keep the one built now for the next run.
    public var keepScratch: Bool

    public init(scratchDSN: String? = nil, keepScratch: Bool = false) {
      self.scratchDSN = scratchDSN
      self.keepScratch = keepScratch
    }
  }

  public struct Report: Sendable {
    public var schema: Schema
    public var database: DatabaseLabel
    /// What the expected schema was built from: `the ledger's applied migrations` or `release vX.Y.Z`.
    public var basis: String
    public var plan: DriftPlan
    public var scratch: String
    /// The scratch database was a kept build, not built now.
    public var reused: Bool
    public var kept: Bool
    public var differences: [DriftDifference]
    public var buildSeconds: Double
    public var compareSeconds: Double
    /// What makes the result less than certain (the ledger changed while drift ran).
    public var warnings: [String] = []
    /// Live schemas (namespaces) the migrations make nothing in: not compared.
    public var notCompared: [String] = []

    public var real: [DriftDifference] { differences.filter { !$0.cosmetic } }
  }

  let router: ConnectionRouter
  let options: Options

  public init(router: ConnectionRouter, options: Options) {
    self.router = router
    self.options = options
  }

  /// The live database's applied migrations for a schema (the default expected set).
  public func appliedMigrations(_ schema: Schema) throws -> [Int] {
    let connection = try live(schema)
    return LedgerState(entries: try MigrationLogsReader(connection: connection).snapshot(of: schema).entries).applied
  }

  /// - Parameters:
  ///   - fromLedger: the plan's expected set is the ledger's applied migrations: read again with
  ///     the live catalog, in its snapshot, a change meanwhile is a warning.
  ///   - otherGraphs: the other schemas' definitions: their objects in a shared database are
  ///     theirs, not extra.
  ///   - runner: how the scratch build runs (its events, its cancellation).
  public func run(
    _ plan: DriftPlan, basis: String, fromLedger: Bool, otherGraphs: [MigrationGraph], runner: WriteRunner, cancellation: Cancellation
  ) throws -> Report {
    let schema = plan.schema
    let liveConnection = try live(schema)
    let scratch = ScratchDatabase(
      dsn: options.scratchDSN ?? router.dsn(for: schema), options: router.options, schema: schema, key: plan.key)
    let started = Date()
    // A kept build is reused only when asked to keep (and so to reuse) one: otherwise every run
    // builds afresh.
    let reused = options.keepScratch ? try scratch.isBuilt() : false
    var target = scratch.name
    var kept = reused
    if !reused {
      let building = try scratch.create(suffix: "_b\(ProcessInfo.processInfo.processIdentifier)")
      target = building
      do {
        try build(plan, in: try scratch.connect(building), runner: runner, cancellation: cancellation)
      } catch let failure as StepFailure {
        scratch.drop(building)
        let error = failure.error
        let text = [error.sqlState.map { "ERROR \($0): " } ?? "", error.message, error.hint.map { " (\($0))" } ?? ""].joined()
        throw ScratchDatabase.Failure.buildFailed(migration: failure.step.label, error: text)
      } catch {
        scratch.drop(building)
        throw error
      }
      if options.keepScratch, scratch.keep(building) {
        target = scratch.name
        kept = true
      }
    }
    defer { if !kept { scratch.drop(target) } }
    let built = Date()
    let expected = try describe(try scratch.connect(target))
    let (live, appliedNow) = try liveConnection.snapshotTransaction {
      (try SchemaDescriptionReader(connection: liveConnection).read(), try MigrationLogsReader(connection: liveConnection).snapshot(of: schema))
    }
    var warnings: [String] = []
    let applied = LedgerState(entries: appliedNow.entries).applied.sorted()
    if fromLedger, applied != plan.expected {
      let added = Set(applied).subtracting(plan.expected).sorted()
      let removed = Set(plan.expected).subtracting(applied).sorted()
      warnings.append(
        "the ledger changed while drift ran (now applied: \(added.map(String.init).joined(separator: ", ")); no longer: "
          + "\(removed.map(String.init).joined(separator: ", "))), so differences may be that migration's: run drift again")
    }
    let mine = DriftAttribution(plan.definitions)
    let theirs = otherGraphs.map { DriftAttribution($0.definitions) }
    let excluded = { (object: SchemaObject) in
      Self.isLedger(object) || (mine.migration(for: object) == nil && theirs.contains { $0.migration(for: object) != nil })
    }
    // Only where the migrations make something: another application's schema in the same
    // database is not this one's drift (extensions are database-wide, always compared).
    let namespaces = Set(expected.objects.map(\.schema)).union(["public"])
    let notCompared = Set(live.objects.map(\.schema)).subtracting(namespaces).sorted()
    let elsewhere = { (object: SchemaObject) in object.kind != .extension && !namespaces.contains(object.schema) }
    var differences = DriftComparison.compare(
      expected: expected.filter(Self.isLedger), live: live.filter { excluded($0) || elsewhere($0) })
    for index in differences.indices {
      differences[index].migration = mine.migration(for: differences[index].object, viaTable: differences[index].change != .extra)
    }
    return Report(
      schema: schema, database: DatabaseLabel(liveConnection.endpoint), basis: basis, plan: plan, scratch: target, reused: reused,
      kept: kept, differences: differences, buildSeconds: built.timeIntervalSince(started),
      compareSeconds: Date().timeIntervalSince(built), warnings: warnings, notCompared: notCompared)
  }

  func live(_ schema: Schema) throws -> Connection {
    var options = router.options
    options.readOnly = true
    return try Connection(dsn: router.dsn(for: schema), options: options)
  }

  /// `upto` the plan's targets from an empty database, through the runner, as `rbshell upto`
  /// would run it (its lock, its transactions, its concurrent index builds).
  func build(_ plan: DriftPlan, in connection: Connection, runner: WriteRunner, cancellation: Cancellation) throws {
    guard !plan.targets.isEmpty else { return }
    let canceller = connection.makeCanceller()
    cancellation.onCancel { canceller.cancel() }
    let store = try PostgresMigrationStore(connection: connection)
    let graph = try MigrationGraph(plan.definitions, schema: plan.schema.rawValue)
    let request = PlanRequest(store: store, schema: plan.schema, graph: graph) { ledger, _ in
      var write = try PlanBuilder(graph: graph, schema: plan.schema, state: LedgerState(entries: ledger.entries)).upTo(plan.targets)
      write.operation = "drift: build the expected \(plan.schema.rawValue) schema"
      return write
    }
    _ = try runner.execute(try runner.prepare(request))
  }

  func describe(_ connection: Connection) throws -> SchemaDescription {
    try connection.snapshotTransaction { try SchemaDescriptionReader(connection: connection).read() }
  }

  /// Sourcegraph's ledgers (and the legacy ones): the migrator's, not the schema's.
  static let ledgerTables: Set<String> = ["migration_logs", "schema_migrations", "codeintel_schema_migrations", "codeinsights_schema_migrations"]

  static func isLedger(_ object: SchemaObject) -> Bool {
    if let table = object.table { return ledgerTables.contains(table) }
    return ledgerTables.contains(object.name)
  }
}
