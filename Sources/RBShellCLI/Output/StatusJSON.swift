import Migrations
import RBShellCore

/// The `status --json` document (docs/json-output.md). A separate type from the core's
/// values so the published shape changes only on purpose.
struct StatusJSON: Encodable {
  var schemas: [SchemaJSON]

  init(_ report: StatusReport) {
    schemas = report.schemas.map(SchemaJSON.init)
  }

  func encoded() -> String { JSONOutput.encode(self) }

  struct SchemaJSON: Encodable {
    var schema: String
    var ledgerName: String
    var ledger: String
    var health: String
    var database: DatabaseLabel
    var rows: LedgerRowCounts
    var state: LedgerState
    var pending: [AttemptJSON]
    var failed: [AttemptJSON]
    var newestApplied: AttemptJSON?
    var legacy: SchemaStatus.LegacyStatus?

    init(_ entry: StatusReport.SchemaEntry) {
      let status = entry.status
      schema = status.schema.rawValue
      ledgerName = status.ledgerName
      ledger = status.ledger.rawValue
      health = status.health.rawValue
      database = entry.database
      rows = status.rowCounts
      state = status.state
      pending = status.pending.map(AttemptJSON.init)
      failed = status.failed.map(AttemptJSON.init)
      newestApplied = status.newestApplied.map(AttemptJSON.init)
      legacy = status.legacy
    }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(schema, forKey: .schema)
      try c.encode(ledgerName, forKey: .ledgerName)
      try c.encode(ledger, forKey: .ledger)
      try c.encode(health, forKey: .health)
      try c.encode(database, forKey: .database)
      try c.encode(rows, forKey: .rows)
      try c.encode(state, forKey: .state)
      try c.encode(pending, forKey: .pending)
      try c.encode(failed, forKey: .failed)
      try c.encode(newestApplied, forKey: .newestApplied)  // explicit null when nothing is applied
      try c.encode(legacy, forKey: .legacy)
    }

    enum CodingKeys: String, CodingKey {
      case schema, ledgerName, ledger, health, database, rows, state, pending, failed, newestApplied, legacy
    }
  }

  /// One ledger row as operators need it: which way, when, and the error's text.
  struct AttemptJSON: Encodable {
    var version: Int
    var up: Bool
    var success: Bool?
    var startedAt: String
    var finishedAt: String?
    var error: String?
    var backfilled: Bool

    init(_ entry: LedgerEntry) {
      version = entry.version
      up = entry.up
      success = entry.success
      startedAt = Timestamp.iso8601(entry.startedAt)
      finishedAt = entry.finishedAt.map(Timestamp.iso8601)
      error = entry.errorMessage
      backfilled = entry.backfilled
    }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(version, forKey: .version)
      try c.encode(up, forKey: .up)
      try c.encode(success, forKey: .success)
      try c.encode(startedAt, forKey: .startedAt)
      try c.encode(finishedAt, forKey: .finishedAt)
      try c.encode(error, forKey: .error)
      try c.encode(backfilled, forKey: .backfilled)
    }

    enum CodingKeys: String, CodingKey { case version, up, success, startedAt, finishedAt, error, backfilled }
  }
}
