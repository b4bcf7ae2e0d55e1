import Foundation
import PostgresClient
import RBShellCore

/// Loads a `CatalogSnapshot`. Run it inside `Connection.snapshotTransaction` so every query
/// (and the ledger reads next to it) sees the same state.
public struct CatalogReader {
  let connection: Connection
  /// Only these objects (and the database-wide facts); everything when nil.
  let scope: CatalogScope?

  public init(connection: Connection, scope: CatalogScope? = nil) {
    self.connection = connection
    self.scope = scope
  }

  private var scoped: Bool { scope != nil }

  /// The `$1` of a scoped query: the names it reads.
  private func scopeNames(_ names: KeyPath<CatalogScope, Set<String>>) -> [String?] {
    scope.map { [Quoting.arrayLiteral($0[keyPath: names].sorted())] } ?? []
  }

  /// The snapshot plus the session facts diagnose needs (database name, server time).
  public func read() throws -> (catalog: CatalogSnapshot, database: String, now: Double) {
    let session = try connection.query(CatalogQueries.session).records[0]
    var catalog = CatalogSnapshot(
      searchPath: (try session.string("search_path") ?? "").split(separator: ",").map(String.init),
      schemas: Set(try connection.query(CatalogQueries.schemas).rows.compactMap { $0[0] }))
    catalog.relations = try relations()
    catalog.indexes = try indexes()
    (catalog.constraints, catalog.constraintShapes) = try constraints()
    for table in catalog.relations.keys where catalog.constraintShapes[table] == nil { catalog.constraintShapes[table] = [] }
    (catalog.functions, catalog.functionBodies) = try functions()
    catalog.triggers = try grouped(CatalogQueries.triggers(scoped: scoped), scopeNames(\.relations)).mapValues(Set.init)
    catalog.types = try types()
    catalog.extensions = Dictionary(try connection.query(CatalogQueries.extensions).rows.map { ($0[0] ?? "", $0[1] ?? "") }, uniquingKeysWith: { a, _ in a })
    catalog.comments = try comments()
    (catalog.advisoryLocks, catalog.activityVisible) = try ActivityReader.locks(connection)
    catalog.indexBuilds = try ActivityReader.indexBuilds(connection)
    return (catalog, try session.requiredString("database"), try session.double("now") ?? 0)
  }

  private func relations() throws -> [QualifiedName: Relation] {
    var relations: [QualifiedName: Relation] = [:]
    for row in try connection.query(CatalogQueries.relations(scoped: scoped), scopeNames(\.relations)).rows {
      relations[QualifiedName(row[0] ?? "", row[1] ?? "")] = Relation(kind: Self.kind(row[2] ?? ""))
    }
    for row in try connection.query(CatalogQueries.columns(scoped: scoped), scopeNames(\.relations)).records {
      let key = QualifiedName(try row.requiredString("nspname"), try row.requiredString("relname"))
      relations[key, default: Relation(kind: .other)].columns[try row.requiredString("attname")] = Column(
        type: try row.requiredString("type"), notNull: try row.requiredBool("attnotnull"),
        defaultExpression: try row.string("default_expression"))
    }
    return relations
  }

  static func kind(_ relkind: String) -> Relation.Kind {
    switch relkind {
    case "r": .table
    case "p": .partitionedTable
    case "v": .view
    case "m": .materializedView
    case "S": .sequence
    case "i", "I": .index
    case "f": .foreignTable
    default: .other
    }
  }

  private func indexes() throws -> [QualifiedName: Index] {
    var indexes: [QualifiedName: Index] = [:]
    for row in try connection.query(CatalogQueries.indexes(scoped: scoped), scopeNames(\.relations)).records {
      indexes[QualifiedName(try row.requiredString("nspname"), try row.requiredString("index_name"))] = Index(
        table: QualifiedName(try row.requiredString("table_schema"), try row.requiredString("table_name")),
        valid: try row.requiredBool("indisvalid"), unique: try row.requiredBool("indisunique"))
    }
    return indexes
  }

  /// `(schema, name, member)` rows grouped by `schema.name`.
  private func grouped(_ sql: String, _ parameters: [String?]) throws -> [QualifiedName: [String]] {
    var result: [QualifiedName: [String]] = [:]
    for row in try connection.query(sql, parameters).rows {
      result[QualifiedName(row[0] ?? "", row[1] ?? ""), default: []].append(row[2] ?? "")
    }
    return result
  }

  private func constraints() throws -> (names: [QualifiedName: [String]], shapes: [QualifiedName: [ConstraintShape]]) {
    var names: [QualifiedName: [String]] = [:]
    var shapes: [QualifiedName: [ConstraintShape]] = [:]
    for row in try connection.query(CatalogQueries.constraints(scoped: scoped), scopeNames(\.relations)).rows {
      let table = QualifiedName(row[0] ?? "", row[1] ?? "")
      names[table, default: []].append(row[2] ?? "")
      guard let kind = row[3].flatMap(ConstraintShape.Kind.init(rawValue:)),
        let columns = try? JSONDecoder().decode([String].self, from: Data((row[4] ?? "[]").utf8))
      else { continue }
      shapes[table, default: []].append(ConstraintShape(kind, columns: columns))
    }
    return (names, shapes)
  }

  private func functions() throws -> (overloads: [QualifiedName: Int], bodies: [QualifiedName: [String]]) {
    var bodies: [QualifiedName: [String]] = [:]
    for row in try connection.query(CatalogQueries.functions(scoped: scoped), scopeNames(\.functions)).rows {
      bodies[QualifiedName(row[0] ?? "", row[1] ?? ""), default: []].append(row[2] ?? "")
    }
    return (bodies.mapValues(\.count), bodies)
  }

  private func types() throws -> [QualifiedName: TypeInfo] {
    var result: [QualifiedName: TypeInfo] = [:]
    for row in try connection.query(CatalogQueries.types(scoped: scoped), scopeNames(\.types)).rows {
      let key = QualifiedName(row[0] ?? "", row[1] ?? "")
      let kind: TypeInfo.Kind =
        switch row[2] {
        case "e": .enumeration
        case "c": .composite
        case "d": .domain
        case "r": .range
        default: .other
        }
      result[key, default: TypeInfo(kind: kind)].labels += row[3].map { [$0] } ?? []
    }
    return result
  }

  private func comments() throws -> [CommentTarget: String] {
    var result: [CommentTarget: String] = [:]
    for row in try connection.query(CatalogQueries.comments(scoped: scoped), scopeNames(\.relations) + scopeNames(\.types)).records {
      let name = QualifiedName(try row.requiredString("nspname"), try row.requiredString("name"))
      let column = try row.string("column_name")
      let kind: CommentTarget.Kind
      switch try row.requiredString("kind") {
      case "relation": kind = column == nil ? .relation : .column
      case "type": kind = .type
      case "schema": kind = .schema
      default: kind = .extension
      }
      result[CommentTarget(kind: kind, name: name, column: column)] = try row.string("description")
    }
    return result
  }
}

/// Other sessions: advisory lock holders and index builds.
enum ActivityReader {
  static func locks(_ connection: Connection) throws -> ([AdvisoryLockHolder], Bool) {
    var visible = true
    let holders = try connection.query(CatalogQueries.advisoryLocks).records.map { row in
      var query = try row.string("query")
      if query == "<insufficient privilege>" {
        visible = false
        query = nil
      }
      return AdvisoryLockHolder(
        classID: Int64(try row.requiredInt("classid")), objID: Int64(try row.requiredInt("objid")),
        objSubID: try row.requiredInt("objsubid"), pid: try row.requiredInt("pid"), granted: try row.requiredBool("granted"),
        application: try row.string("application_name"), client: try row.string("client"), user: try row.string("usename"),
        state: try row.string("state"), query: query, backendStart: try row.double("backend_start"),
        stateChange: try row.double("state_change"))
    }
    return (holders, visible)
  }

  static func indexBuilds(_ connection: Connection) throws -> [IndexBuild] {
    try connection.query(CatalogQueries.indexBuilds).records.map { row in
      IndexBuild(
        pid: try row.requiredInt("pid"), index: try row.string("index_name"), table: try row.string("table_name"),
        phase: try row.requiredString("phase"), blocksDone: Int64(try row.int("blocks_done") ?? 0),
        blocksTotal: Int64(try row.int("blocks_total") ?? 0), tuplesDone: Int64(try row.int("tuples_done") ?? 0),
        tuplesTotal: Int64(try row.int("tuples_total") ?? 0))
    }
  }
}
