import Migrations

/// One change to another tool's ledger table (golang-migrate's `force`, …), decided from the
/// ledger and the catalog: the rows it must find, the rows it leaves, and why. The store applies
/// it only while the table still holds `before`, in one transaction.
public struct LedgerEdit: Sendable, Equatable {
  public var tool: LedgerTool
  /// Schema-qualified, as shown (`public.schema_migrations`).
  public var table: String
  /// What the operator asked for, in the tool's terms (`force 1`).
  public var operation: String
  /// The table's rows before and after, as the tool's columns say them (`version 2, dirty`).
  public var before: [String]
  public var after: [String]
  /// The change as data; the store turns it into SQL (`ToolLedgerStore.statements(for:)`).
  public var change: Change
  public var reason: String
  public var warnings: [String]

  public enum Change: Sendable, Equatable {
    /// golang-migrate's `force V`: the table holds `(V, clean)`, or nothing for -1.
    case golangMigrateForce(version: Int)
    /// golang-migrate going down: each down file with its version change, newest first, each
    /// step its own transaction.
    case golangMigrateDown(steps: [GolangMigrateDown.Step])
    /// Run a migration's statements that are not in yet, then write its row (dbmate).
    case runThenRecord(statements: [String], version: String)
    /// Prisma's `migrate resolve`: the failed row marked rolled back; for `applied`, a finished
    /// row added with the checksum of `script` (the file as written).
    case prismaResolve(name: String, resolution: PrismaResolve.Resolution, script: String)
    /// Flyway: the failed history row at `rank` removed (rolled back) or marked successful with
    /// the file's checksum (applied).
    case flywayResolve(rank: Int, resolution: PrismaResolve.Resolution, checksum: Int32)
    /// Atlas: a revision's count of applied statements set to what the catalog proves (and its
    /// error cleared when that is all of them).
    case atlasApplied(version: String, applied: Int, done: Bool)
    /// Alembic's `stamp`: `alembic_version` holds that revision (created as Alembic creates it
    /// when missing), or nothing for `base`.
    case alembicStamp(revision: String?)
    /// Run statements in one transaction, each skipped when its object is not there (a revert
    /// script over leftovers; the ledger itself unchanged).
    case runTolerant(statements: [String])
  }

  public init(
    tool: LedgerTool, table: String, operation: String, before: [String], after: [String], change: Change, reason: String,
    warnings: [String] = []
  ) {
    self.tool = tool
    self.table = table
    self.operation = operation
    self.before = before
    self.after = after
    self.change = change
    self.reason = reason
    self.warnings = warnings
  }
}

/// What a ledger edit is decided from: the tool's ledger and the catalog, read together.
public struct ToolLedgerEvidence: Sendable {
  public var ledger: ToolLedger
  /// The table's rows in the words `LedgerEdit.before` uses.
  public var rows: [String]
  public var catalog: CatalogSnapshot

  public init(ledger: ToolLedger, rows: [String], catalog: CatalogSnapshot) {
    self.ledger = ledger
    self.rows = rows
    self.catalog = catalog
  }
}

/// Where another tool's ledger lives, for the runner: read it, hold that tool's own advisory
/// lock (so the tool and rbshell exclude each other), and change it.
public protocol ToolLedgerStore: AnyObject {
  var database: DatabaseLabel { get }
  /// The lock in messages: `golang-migrate's lock on public.schema_migrations (advisory keys …)`.
  var lockName: String { get }
  /// Tries once to take the tool's lock (every key it uses, or none); true when held.
  func tryLock() throws -> Bool
  func lockHolder() throws -> String
  func unlock()
  func read() throws -> ToolLedgerEvidence
  /// The SQL `apply` runs for the edit after checking the rows, for the preview.
  func statements(for edit: LedgerEdit) -> [String]
  /// Applies the edit in one transaction (or, for a run of down files, one per file); throws
  /// `DirectWriteRefusal`, writing nothing, unless the table still holds exactly `edit.before`.
  /// `progress` hears each step that committed, in words.
  func apply(_ edit: LedgerEdit, progress: (String) -> Void) throws
}

/// A write to another tool's ledger: `decide` is the one place the edit is decided; the runner
/// calls it before the preview and again under the lock.
public struct LedgerEditRequest {
  public var store: ToolLedgerStore
  public var decide: (ToolLedgerEvidence) throws -> LedgerEdit

  public init(store: ToolLedgerStore, decide: @escaping (ToolLedgerEvidence) throws -> LedgerEdit) {
    self.store = store
    self.decide = decide
  }
}

/// A ledger edit decided before the lock: what the preview shows.
public struct PreparedLedgerEdit {
  public let request: LedgerEditRequest
  public let edit: LedgerEdit
  public let evidence: ToolLedgerEvidence
}

/// A ledger edit's audit record: a "started" line before the change, then the outcome.
public struct LedgerEditRecord: Sendable, Equatable {
  public var database: DatabaseLabel
  public var edit: LedgerEdit
  /// The table's rows after, once read again.
  public var rowsAfter: [String]?
  public var outcome: String
}
