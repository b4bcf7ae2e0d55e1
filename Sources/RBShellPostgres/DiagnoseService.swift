import Migrations
import PostgresClient
import RBShellCore

/// Reads each database once (catalog, locks, index builds) and each schema's ledger, all in one
/// read-only repeatable-read transaction per database, then runs the pure rules.
public struct DiagnoseService {
  public let router: ConnectionRouter

  public init(router: ConnectionRouter) { self.router = router }

  public struct Result {
    public var diagnoses: [SchemaDiagnosis]
    public var databases: [Schema: DatabaseLabel]
    /// Other tools' ledgers found in each database diagnosed (Sourcegraph's own legacy tables
    /// left out: they are read as the schemas' ledgers).
    public var otherLedgers: [ToolLedgerService.Report] = []
  }

  public func diagnose(
    _ schemas: [Schema], definitions: (Schema) -> DiagnosisInput.Definitions
  ) throws -> Result {
    let connections = try router.connect(schemas)
    let created = Dictionary(
      uniqueKeysWithValues: Schema.allCases.map { schema -> (Schema, Set<String>) in
        if case .graph(let graph) = definitions(schema) { return (schema, IndexRules.createdIndexes(in: graph)) }
        return (schema, [])
      })
    var inputs: [Schema: DiagnosisInput] = [:]
    var otherLedgers: [ToolLedgerService.Report] = []
    var done: Set<ObjectIdentifier> = []
    for schema in schemas where done.insert(ObjectIdentifier(connections[schema]!)).inserted {
      let connection = connections[schema]!
      let group = schemas.filter { connections[$0] === connection }
      // The ledgers first: the catalog read covers only what their failed and pending
      // migrations name (and the database-wide facts), whatever the size of the database.
      let (catalog, ledgers, database, now) = try connection.snapshotTransaction {
        let ledgers = try group.map { try MigrationLogsReader(connection: connection).snapshot(of: $0) }
        let (tools, unreadable) = try ToolLedgerReader(connection: connection).readAll()
        let others = tools.filter { !Self.isSourcegraphLegacy($0) }
        if !others.isEmpty || !unreadable.isEmpty {
          otherLedgers.append(ToolLedgerService.Report(database: DatabaseLabel(connection.endpoint), ledgers: others, unreadable: unreadable))
        }
        var scope = CatalogScope()
        for (member, ledger) in zip(group, ledgers) {
          scope.formUnion(CatalogScope.needed(by: ledger, graph: definitions(member).graph))
        }
        let (catalog, database, now) = try CatalogReader(connection: connection, scope: scope).read()
        return (catalog, ledgers, database, now)
      }
      for (index, member) in group.enumerated() {
        var input = DiagnosisInput(
          schema: member, database: database, ledger: ledgers[index], catalog: catalog, definitions: definitions(member),
          reportsDatabaseWideFacts: index == 0, now: now)
        input.otherSchemasIndexes = created.filter { $0.key != member }.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        inputs[member] = input
      }
    }
    return Result(
      diagnoses: schemas.map { Diagnoser.diagnose(inputs[$0]!) },
      databases: Dictionary(uniqueKeysWithValues: schemas.map { ($0, DatabaseLabel(connections[$0]!.endpoint)) }), otherLedgers: otherLedgers)
  }

  /// Sourcegraph's pre-3.37 ledgers have golang-migrate's layout; diagnose reads them as the
  /// schemas' legacy ledgers (`diagnose --tool golang-migrate` reads them as golang-migrate's).
  static func isSourcegraphLegacy(_ ledger: ToolLedger) -> Bool {
    ledger.tool == .golangMigrate && Schema.allCases.contains { "public.\($0.ledgerName)" == ledger.table }
  }
}

extension Connection {
  /// Runs `body` in a read-only repeatable-read transaction: one consistent view of the database.
  public func snapshotTransaction<T>(_ body: () throws -> T) throws -> T {
    try run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    do {
      let value = try body()
      try run("COMMIT")
      return value
    } catch {
      if isAlive { try? run("ROLLBACK") }
      throw error
    }
  }
}
