import Migrations

/// One thing diagnose found, with the evidence it rests on and the commands that fix it.
public struct Finding: Sendable, Equatable, Codable {
  public enum Severity: String, Sendable, Codable, Comparable {
    case error, warning, info

    var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
  }

  /// Stable identifiers; scripts match on these, never on messages.
  public enum Code: String, Sendable, Codable {
    case failedMigration = "failed-migration"
    case deadPendingMigration = "dead-pending-migration"
    case migrationInProgress = "migration-in-progress"
    case migrationLockHeld = "migration-lock-held"
    case invalidIndex = "invalid-index"
    case legacyDirtyFlag = "legacy-dirty-flag"
    case unknownAppliedMigration = "unknown-applied-migration"
    case unappliedMigrations = "unapplied-migrations"
    case definitionsInvalid = "definitions-invalid"
    case noLedger = "no-ledger"
  }

  public var code: Code
  public var severity: Severity
  public var schema: Schema
  public var migration: Int?
  public var message: String
  /// Facts the finding rests on: ledger rows, catalog facts, lock holders.
  public var evidence: [String]
  public var analysis: MigrationAnalysis?
  /// The commands that fix it, as data, most likely fix first (the CLI renders them).
  public var remedies: [Remedy]

  public init(
    _ code: Code, _ severity: Severity, schema: Schema, migration: Int? = nil, message: String, evidence: [String] = [],
    analysis: MigrationAnalysis? = nil, remedies: [Remedy] = []
  ) {
    self.code = code
    self.severity = severity
    self.schema = schema
    self.migration = migration
    self.message = message
    self.evidence = evidence
    self.analysis = analysis
    self.remedies = remedies
  }

  /// Every key is always present (`null` when empty), so consumers need no existence checks.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(code, forKey: .code)
    try c.encode(severity, forKey: .severity)
    try c.encode(schema, forKey: .schema)
    try c.encode(migration, forKey: .migration)
    try c.encode(message, forKey: .message)
    try c.encode(evidence, forKey: .evidence)
    try c.encode(analysis, forKey: .analysis)
    try c.encode(remedies, forKey: .remedies)
  }

  enum CodingKeys: String, CodingKey { case code, severity, schema, migration, message, evidence, analysis, remedies }
}
