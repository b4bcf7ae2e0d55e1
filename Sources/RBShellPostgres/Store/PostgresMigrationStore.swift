import Migrations
import PostgresClient
import RBShellCore

/// The `MigrationStore` of a Sourcegraph database: `migration_logs`, the migrator's advisory
/// lock, and migrations run on one pinned connection. Each transactional migration is one
/// simple-protocol query (`BEGIN`, its file whole, its ledger row, `COMMIT`): one round trip, progress per
/// migration, and a killed rbshell leaves the server at most this migration to finish or roll back.
public final class PostgresMigrationStore: MigrationStore {
  public let connection: Connection
  private let canceller: QueryCanceller

  /// How often the server checks, during a long statement, that rbshell is still connected: a
  /// killed rbshell stops the work within about this long.
  public static let clientCheckInterval = "1s"

  /// - Parameters: statementTimeout, lockTimeout: PostgreSQL durations for the migrations.
  public init(connection: Connection, statementTimeout: String? = nil, lockTimeout: String? = nil) throws {
    self.connection = connection
    canceller = connection.makeCanceller()
    try connection.run("SET client_connection_check_interval = \(Quoting.literal(Self.clientCheckInterval))")
    if let statementTimeout { try connection.run("SET statement_timeout = \(Quoting.literal(statementTimeout))") }
    if let lockTimeout { try connection.run("SET lock_timeout = \(Quoting.literal(lockTimeout))") }
  }

  public var database: DatabaseLabel { DatabaseLabel(connection.endpoint) }

  public func readLedger(_ schema: Schema) throws -> LedgerSnapshot {
    try MigrationLogsReader(connection: connection).snapshot(of: schema)
  }

  public func tryLock(_ schema: Schema) throws -> Bool {
    try MigrationLock(connection: connection, schema: schema).tryAcquire()
  }

  public func lockHolder(_ schema: Schema) throws -> String {
    try MigrationLock(connection: connection, schema: schema).holderDescription()
  }

  public func unlock(_ schema: Schema) {
    MigrationLock(connection: connection, schema: schema).release()
  }

  public func ensureLedger(_ schema: Schema) throws -> Bool {
    try LedgerWriter(connection: connection, schema: schema).ensureTable()
  }

  public func catalog() throws -> CatalogSnapshot {
    try connection.snapshotTransaction { try CatalogReader(connection: connection).read().catalog }
  }

  public func canRunPrivileged() throws -> Bool {
    try connection.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").scalar == "t"
  }

  public func cancelRunningStatement() { canceller.cancel() }

  public func apply(_ step: PlanStep, schema: Schema, mode: StepMode) throws -> StepResult {
    let ledger = LedgerWriter(connection: connection, schema: schema)
    let direct = DirectWriteSQL(connection: connection, ledger: ledger)
    switch step.kind {
    case .migration: break
    case .recordOnly: return try direct.recordOnly(step)
    case .takeBack(let rowIDs): return try direct.takeBack(rowIDs: rowIDs, version: step.definition.id)
    case .clearLegacyFlag(let repair): return try direct.clearLegacyFlag(repair)
    case .dropIndex(let target): return try direct.dropIndex(target)
    }
    let steps = StepSQL(connection: connection, ledger: ledger, mode: mode)
    if !step.isTransactional { return step.up ? try steps.concurrentIndex(step) : try steps.withoutTransaction(step) }
    if step.toleratesMissingObjects { return try steps.tolerant(step) }
    return try steps.transactional(step)
  }

  public func applyInSequence(_ steps: [PlanStep], schema: Schema, mode: StepMode, progress: (SequenceProgress) -> Void) throws
    -> StepResult
  {
    try StepSQL(connection: connection, ledger: LedgerWriter(connection: connection, schema: schema), mode: mode)
      .sequence(steps, progress: progress)
  }

  public func applyAtomically(_ steps: [PlanStep], schema: Schema, mode: StepMode, progress: (Int) -> Void) throws -> StepResult {
    try StepSQL(connection: connection, ledger: LedgerWriter(connection: connection, schema: schema), mode: mode)
      .atomically(steps, progress: progress)
  }
}
