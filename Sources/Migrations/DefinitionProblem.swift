/// Something wrong with migration definitions, in the migrator's terms: a class, a description
/// naming the file or migration, and what to do about it.
public struct DefinitionProblem: Error, Sendable, Equatable, Codable, CustomStringConvertible {
  public var code: Code
  /// The schema's folder, file or migration the problem is about.
  public var location: String
  public var message: String
  public var instructions: String
  /// The migration id the problem points at, when it is about a reference (an unknown parent).
  public var reference: Int?

  public init(_ code: Code, at location: String, _ message: String, instructions: String = "", reference: Int? = nil) {
    self.code = code
    self.location = location
    self.message = message
    self.instructions = instructions
    self.reference = reference
  }

  public var description: String {
    instructions.isEmpty ? "\(code.rawValue): \(message)" : "\(code.rawValue): \(message) (\(instructions))"
  }

  /// Stable identifiers, one per rule.
  public enum Code: String, Sendable, Codable {
    case malformedDefinition = "malformed-definition"
    /// Two entries name the same id (`2_a` and `02_b`).
    case duplicateID = "duplicate-id"
    /// An id migration_logs.version (PostgreSQL `integer`) cannot hold.
    case idOutOfRange = "id-out-of-range"
    /// A schema folder (or stitched graph) with no migration at all.
    case noMigrations = "no-migrations"
    /// SQL rbshell will not run (`SQLFileCheck`): NUL bytes, an unterminated quote or comment,
    /// COPY from or to the client.
    case unsafeSQL = "unsafe-sql"
    case concurrentDown = "concurrent-down"
    case concurrentUnexpected = "concurrent-unexpected"
    case concurrentExtra = "concurrent-extra"
    case concurrentExpected = "concurrent-expected"
    case unmarkedPrivilege = "unmarked-privilege"
    case unknownParent = "unknown-parent"
    case noRoots = "no-roots"
    case multipleRoots = "multiple-roots"
    case cycle = "cycle"
    case duplicateQuery = "duplicate-query"
    case missingQuery = "missing-query"
    case identifierJump = "identifier-jump"
    case rootWithParent = "root-with-parent"
    case unexpectedParent = "unexpected-parent"
    case malformedGraphFile = "malformed-graph-file"
    /// A warning, not an error: SQL that ends the migrator's transaction itself (`COMMIT;`
    /// mid-file), so the migration is not atomic. Real Sourcegraph migrations do this.
    case transactionControl = "transaction-control"
  }
}

/// Definitions could not be used; every problem found is listed.
public struct InvalidDefinitions: Error, Sendable, Equatable, CustomStringConvertible {
  public var schema: String
  public var problems: [DefinitionProblem]

  public init(schema: String, problems: [DefinitionProblem]) {
    self.schema = schema
    self.problems = problems
  }

  public var description: String {
    (["invalid migration definitions" + (schema.isEmpty ? "" : " for \"\(schema)\"") + " (\(problems.count) problem\(problems.count == 1 ? "" : "s")):"]
      + problems.map { "  \($0.location): \($0)" }).joined(separator: "\n")
  }
}
