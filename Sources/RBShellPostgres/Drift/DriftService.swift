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
    let liveConnection = try live(plan.schema)
    let started = Date()
    let scratch = try scratchDatabase(plan, runner: runner, cancellation: cancellation)
    defer { if !scratch.kept { scratch.database.drop(scratch.name) } }
    let built = Date()
    let expected = try describe(try scratch.database.connect(scratch.name))
    let (live, ledger) = try liveConnection.snapshotTransaction {
      (try SchemaDescriptionReader(connection: liveConnection).read(), try MigrationLogsReader(connection: liveConnection).snapshot(of: plan.schema))
    }
    let result = DriftResult(
      plan: plan, expected: expected, live: live, otherDefinitions: otherGraphs.map(\.definitions),
      appliedNow: fromLedger ? LedgerState(entries: ledger.entries).applied : nil)
    return Report(
      schema: plan.schema, database: DatabaseLabel(liveConnection.endpoint), basis: basis, plan: plan, scratch: scratch.name,
      reused: scratch.reused, kept: scratch.kept, differences: result.differences, buildSeconds: built.timeIntervalSince(started),
      compareSeconds: Date().timeIntervalSince(built), warnings: result.warnings, notCompared: result.notCompared)
  }

  /// The scratch database holding the plan's schema: a kept build reused (only when asked to keep,
  /// and so to reuse, one: otherwise every run builds afresh), or one built now — kept when asked
  /// and possible, else dropped by the caller. A failed build is dropped here.
  func scratchDatabase(
    _ plan: DriftPlan, runner: WriteRunner, cancellation: Cancellation
  ) throws -> (database: ScratchDatabase, name: String, reused: Bool, kept: Bool) {
    let scratch = ScratchDatabase(
      dsn: options.scratchDSN ?? router.dsn(for: plan.schema), options: router.options, schema: plan.schema, key: plan.key)
    if options.keepScratch, try scratch.isBuilt() { return (scratch, scratch.name, true, true) }
    let building = try scratch.create(suffix: "_b\(ProcessInfo.processInfo.processIdentifier)")
    do {
      try build(plan, in: try scratch.connect(building), runner: runner, cancellation: cancellation)
    } catch let failure as StepFailure {
      scratch.drop(building)
      throw ScratchDatabase.Failure.buildFailed(migration: failure.step.label, error: Self.text(of: failure.error))
    } catch {
      scratch.drop(building)
      throw error
    }
    if options.keepScratch, scratch.keep(building) { return (scratch, scratch.name, false, true) }
    return (scratch, building, false, false)
  }

  static func text(of error: ServerError) -> String {
    [error.sqlState.map { "ERROR \($0): " } ?? "", error.message, error.hint.map { " (\($0))" } ?? ""].joined()
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
}
