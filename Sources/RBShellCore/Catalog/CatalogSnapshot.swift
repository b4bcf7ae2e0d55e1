/// What the live catalog holds, loaded in one read-only pass: enough to decide whether a
/// migration statement's effect is present. Names are as stored (unquoted identifiers folded to
/// lower case by the server).
public struct CatalogSnapshot: Sendable, Equatable {
  /// `current_schemas(false)`: where unqualified names resolve, in order.
  public var searchPath: [String]
  public var schemas: Set<String>
  public var relations: [QualifiedName: Relation]
  public var indexes: [QualifiedName: Index]
  public var constraints: [QualifiedName: [String]]
  public var functions: [QualifiedName: Int]
  /// Each table's primary-key, unique and foreign-key constraints by kind and columns, when read.
  public var constraintShapes: [QualifiedName: [ConstraintShape]] = [:]
  /// Each overload's `prosrc` (the body text), when read: what `CREATE OR REPLACE` left.
  public var functionBodies: [QualifiedName: [String]] = [:]
  public var triggers: [QualifiedName: Set<String>]
  public var types: [QualifiedName: TypeInfo]
  public var extensions: [String: String]
  public var comments: [CommentTarget: String]
  public var advisoryLocks: [AdvisoryLockHolder]
  public var indexBuilds: [IndexBuild]
  /// Whether other sessions' activity (query text, client) was visible to this role.
  public var activityVisible: Bool

  public init(
    searchPath: [String] = ["public"], schemas: Set<String> = ["public"], relations: [QualifiedName: Relation] = [:],
    indexes: [QualifiedName: Index] = [:], constraints: [QualifiedName: [String]] = [:],
    constraintShapes: [QualifiedName: [ConstraintShape]] = [:],
    functions: [QualifiedName: Int] = [:], functionBodies: [QualifiedName: [String]] = [:], triggers: [QualifiedName: Set<String>] = [:],
    types: [QualifiedName: TypeInfo] = [:], extensions: [String: String] = [:],
    comments: [CommentTarget: String] = [:], advisoryLocks: [AdvisoryLockHolder] = [],
    indexBuilds: [IndexBuild] = [], activityVisible: Bool = true
  ) {
    self.searchPath = searchPath
    self.schemas = schemas
    self.relations = relations
    self.indexes = indexes
    self.constraints = constraints
    self.constraintShapes = constraintShapes
    self.functions = functions
    self.functionBodies = functionBodies
    self.triggers = triggers
    self.types = types
    self.extensions = extensions
    self.comments = comments
    self.advisoryLocks = advisoryLocks
    self.indexBuilds = indexBuilds
    self.activityVisible = activityVisible
  }

  /// The schema an unqualified name resolves to (first schema on the search path that has it).
  public func resolve(_ name: ObjectName, in table: (QualifiedName) -> Bool) -> QualifiedName? {
    if let schema = name.schema { return QualifiedName(schema, name.name) }
    return searchPath.lazy.map { QualifiedName($0, name.name) }.first(where: table)
  }

  /// A relation by (possibly unqualified) name.
  public func relation(_ name: ObjectName) -> (QualifiedName, Relation)? {
    guard let key = resolve(name, in: { relations[$0] != nil }) else { return nil }
    return relations[key].map { (key, $0) }
  }

  /// Where an unqualified CREATE puts a new object: the first existing schema on the path.
  public func creationSchema(for name: ObjectName) -> String {
    name.schema ?? searchPath.first ?? "public"
  }
}

/// `schema.name` as the catalog stores it.
public struct QualifiedName: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var schema: String
  public var name: String

  public init(_ schema: String, _ name: String) {
    self.schema = schema
    self.name = name
  }

  public var description: String { "\(schema).\(name)" }

  public static func < (a: QualifiedName, b: QualifiedName) -> Bool { (a.schema, a.name) < (b.schema, b.name) }
}

/// A name as written in SQL, after identifier folding; `schema` is nil when unqualified.
public struct ObjectName: Hashable, Sendable, CustomStringConvertible {
  public var schema: String?
  public var name: String

  public init(schema: String? = nil, _ name: String) {
    self.schema = schema
    self.name = name
  }

  public var description: String { schema.map { "\($0).\(name)" } ?? name }
}

public struct Relation: Sendable, Equatable {
  public enum Kind: String, Sendable { case table, view, materializedView, sequence, index, foreignTable, partitionedTable, other }
  public var kind: Kind
  public var columns: [String: Column]

  public init(kind: Kind, columns: [String: Column] = [:]) {
    self.kind = kind
    self.columns = columns
  }
}

public struct Column: Sendable, Equatable {
  /// `format_type` of the column's type, e.g. `integer`, `character varying(40)`.
  public var type: String
  public var notNull: Bool
  /// `pg_get_expr` of the default, e.g. `0`, `''::text`, `now()`.
  public var defaultExpression: String?

  public init(type: String, notNull: Bool = false, defaultExpression: String? = nil) {
    self.type = type
    self.notNull = notNull
    self.defaultExpression = defaultExpression
  }
}

public struct Index: Sendable, Equatable {
  public var table: QualifiedName
  public var valid: Bool
  public var unique: Bool

  public init(table: QualifiedName, valid: Bool = true, unique: Bool = false) {
    self.table = table
    self.valid = valid
    self.unique = unique
  }
}

public struct TypeInfo: Sendable, Equatable {
  public enum Kind: String, Sendable { case enumeration, composite, domain, range, other }
  public var kind: Kind
  public var labels: [String]

  public init(kind: Kind, labels: [String] = []) {
    self.kind = kind
    self.labels = labels
  }
}

/// What a `COMMENT ON` targets: an object kind and name, plus a column for column comments.
public struct CommentTarget: Hashable, Sendable {
  public enum Kind: String, Sendable { case relation, column, type, function, schema, `extension`, other }
  public var kind: Kind
  public var name: QualifiedName
  public var column: String?

  public init(kind: Kind, name: QualifiedName, column: String? = nil) {
    self.kind = kind
    self.name = name
    self.column = column
  }
}

/// A session holding (or waiting for) an advisory lock, with what `pg_stat_activity` shows of it.
public struct AdvisoryLockHolder: Sendable, Equatable, Codable {
  /// The lock as `pg_locks` shows it: `classid`, `objid`, `objsubid` (1: one bigint key, 2: two int4 keys).
  public var classID: Int64
  public var objID: Int64
  public var objSubID: Int
  public var pid: Int
  public var granted: Bool
  public var application: String?
  public var client: String?
  public var user: String?
  public var state: String?
  public var query: String?
  /// Seconds since 1970 when the backend started / entered its current state.
  public var backendStart: Double?
  public var stateChange: Double?

  public init(
    classID: Int64, objID: Int64, objSubID: Int, pid: Int, granted: Bool = true, application: String? = nil,
    client: String? = nil, user: String? = nil, state: String? = nil, query: String? = nil,
    backendStart: Double? = nil, stateChange: Double? = nil
  ) {
    self.classID = classID
    self.objID = objID
    self.objSubID = objSubID
    self.pid = pid
    self.granted = granted
    self.application = application
    self.client = client
    self.user = user
    self.state = state
    self.query = query
    self.backendStart = backendStart
    self.stateChange = stateChange
  }

  /// The 64-bit key of a one-key lock (`pg_advisory_lock(bigint)`).
  public var bigintKey: Int64 { (classID << 32) | (objID & 0xFFFF_FFFF) }
}

/// A `CREATE INDEX` in progress (`pg_stat_progress_create_index`).
public struct IndexBuild: Sendable, Equatable, Codable {
  public var pid: Int
  public var index: String?
  public var table: String?
  public var phase: String
  public var blocksDone: Int64
  public var blocksTotal: Int64
  public var tuplesDone: Int64
  public var tuplesTotal: Int64

  public init(
    pid: Int, index: String?, table: String?, phase: String, blocksDone: Int64 = 0, blocksTotal: Int64 = 0,
    tuplesDone: Int64 = 0, tuplesTotal: Int64 = 0
  ) {
    self.pid = pid
    self.index = index
    self.table = table
    self.phase = phase
    self.blocksDone = blocksDone
    self.blocksTotal = blocksTotal
    self.tuplesDone = tuplesDone
    self.tuplesTotal = tuplesTotal
  }
}

/// A constraint as its kind and columns, in key order: enough to find one the server named.
public struct ConstraintShape: Equatable, Sendable, Hashable {
  public enum Kind: String, Sendable {
    case primaryKey = "p"
    case unique = "u"
    case foreignKey = "f"
  }

  public var kind: Kind
  public var columns: [String]

  public init(_ kind: Kind, columns: [String]) {
    self.kind = kind
    self.columns = columns
  }

  var label: String {
    let name =
      switch kind {
      case .primaryKey: "primary key"
      case .unique: "unique constraint"
      case .foreignKey: "foreign key"
      }
    return "\(name) (\(columns.joined(separator: ", ")))"
  }
}
