import ASCIIText
import Migrations

/// What a plan's statements would destroy, before any size is known: the tables, columns,
/// types and schemas they drop, and the tables they empty.
public struct DataLossTarget: Sendable, Equatable, Hashable {
  public enum Kind: String, Sendable, Codable {
    case table, column, type, schema
    /// TRUNCATE: every row.
    case truncate
    /// DELETE: up to every row.
    case delete
  }

  public var kind: Kind
  /// The object as written (schema-qualified when the statement qualifies it).
  public var object: ObjectName
  public var column: String?
  /// `CASCADE`: dependent objects go too.
  public var cascade: Bool
  /// Where in the plan: the step's migration and direction, the statement's line.
  public var migration: Int
  public var direction: String
  public var line: Int
}

/// Finds data-destroying statements in a plan (pure: names only; sizes come from the catalog).
public enum DataLossScanner {
  public static func targets(in plans: [WritePlan]) -> [DataLossTarget] {
    targets(in: plans.flatMap(\.steps))
  }

  /// What the steps' SQL drops, truncates or deletes (another tool's down files too).
  public static func targets(in steps: [PlanStep]) -> [DataLossTarget] {
    steps.flatMap { step in
      SQLSplitter.split(step.sql).flatMap { statement in
        targets(of: statement, step: step)
      }
    }
  }

  /// Whether the text holds `drop`, `truncate` or `delete` in any case: every statement that
  /// destroys data does, and most statements (inserts, creates) are skipped without parsing.
  static func mightDestroy(_ text: String) -> Bool {
    ["drop", "truncate", "delete"].contains { text.containsASCII($0, ignoringCase: true) }
  }

  /// Built once: a regex literal in the function was parsed again for every statement (a
  /// 400,000-statement dry run spent most of its 21 s there).
  nonisolated(unsafe) private static let cascadeWord = #/\bCASCADE\b/#.ignoresCase()

  static func targets(of statement: SQLStatement, step: PlanStep) -> [DataLossTarget] {
    guard mightDestroy(statement.text) else { return [] }
    let cascade = statement.text.firstMatch(of: cascadeWord) != nil
    func target(_ kind: DataLossTarget.Kind, _ name: ObjectName, column: String? = nil) -> DataLossTarget {
      DataLossTarget(kind: kind, object: name, column: column, cascade: cascade, migration: step.definition.id, direction: step.direction, line: statement.line)
    }
    switch StatementParser.parse(statement.text) {
    case .dropRelations(.table, let names, _): return names.map { target(.table, $0) }
    case .dropRelations(.materializedView, let names, _): return names.map { target(.table, $0) }
    case .dropTypes(let names, _): return names.map { target(.type, $0) }
    case .dropSchemas(let names, _): return names.map { target(.schema, ObjectName($0)) }
    case .alterTable(let table, let actions):
      return actions.compactMap { if case .dropColumn(let column, _) = $0 { target(.column, table, column: column) } else { nil } }
    default: break
    }
    var cursor = TokenCursor(SQLTokenizer.tokenize(statement.text))
    if cursor.accept("truncate") {
      _ = cursor.accept("table")
      _ = cursor.accept("only")
      return cursor.objectNameList().map { target(.truncate, $0) }
    }
    if cursor.accept("delete", "from") {
      _ = cursor.accept("only")
      return cursor.objectName().map { [target(.delete, $0)] } ?? []
    }
    return []
  }
}

/// One target with what the catalog says it holds.
public struct DataLossEstimate: Sendable, Equatable, Codable {
  public var kind: DataLossTarget.Kind
  public var object: String
  public var migration: Int
  public var direction: String
  public var line: Int
  /// Rows (tables, truncate, delete) or non-null values (columns); nil when unknown.
  public var rows: Int64?
  /// Whether `rows` is exact (`--exact`) rather than the planner's estimate.
  public var exact: Bool
  public var bytes: Int64?
  /// Objects a `CASCADE` takes along, as PostgreSQL describes them.
  public var cascadesTo: [String]
  /// Why nothing could be estimated (missing object, never analyzed).
  public var note: String?

  public init(
    target: DataLossTarget, object: String, rows: Int64?, exact: Bool, bytes: Int64?, cascadesTo: [String], note: String?
  ) {
    kind = target.kind
    self.object = object
    migration = target.migration
    direction = target.direction
    line = target.line
    self.rows = rows
    self.exact = exact
    self.bytes = bytes
    self.cascadesTo = cascadesTo
    self.note = note
  }
}
