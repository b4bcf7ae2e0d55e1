import Foundation
import Migrations
import PostgresClient
import TestSupport

/// The databases generated scenarios run on: one template per (schema, release), built from
/// the previous release's template plus the migrations the release adds, each migration's up
/// SQL in its own transaction (a concurrent index outside one) with its ledger row, as the
/// migrator leaves them. Copies of a template (`CREATE DATABASE … TEMPLATE`) are cheap.
final class ScenarioWorld {
  let catalog: ScenarioCatalog
  private let admin: Connection
  private var templates: [String: String] = [:]
  private var made: [String] = []

  init(_ catalog: ScenarioCatalog) throws {
    self.catalog = catalog
    admin = try Connection(dsn: nil)
  }

  deinit { for name in made.reversed() { drop(name) } }

  /// A new database copied from `template` (empty with the ledger table when nil).
  func database(from template: String?) throws -> String {
    let name = "rbgen_\(UInt32.random(in: 0...UInt32.max))_\(ProcessInfo.processInfo.processIdentifier)"
    if let template {
      // FILE_COPY (PostgreSQL 15+) copies the files: far faster than WAL-logging every page.
      let strategy = admin.serverVersion >= 150_000 ? " STRATEGY FILE_COPY" : ""
      try admin.run("CREATE DATABASE \(Quoting.identifier(name)) TEMPLATE \(Quoting.identifier(template))\(strategy)")
    } else {
      try admin.run("CREATE DATABASE \(Quoting.identifier(name))")
      let connection = try Connection(dsn: "dbname=\(name)")
      try connection.execute(try String(contentsOf: PackagePaths.root.appending(path: "sql/ledger/migration_logs.sql"), encoding: .utf8))
    }
    made.append(name)
    return name
  }

  func drop(_ name: String) {
    try? admin.run("DROP DATABASE IF EXISTS \(Quoting.identifier(name)) WITH (FORCE)")
    made.removeAll { $0 == name }
  }

  /// The template of a schema at a release, built on the previous release's.
  func template(_ schema: Schema, _ release: String) throws -> String {
    let key = "\(schema.rawValue)@\(release)"
    if let name = templates[key] { return name }
    let earlier = catalog.steps.last { $0.schema == schema && $0.release == release }?.base
    let name: String
    let missing: Set<Int>
    if let earlier {
      name = try database(from: try template(schema, earlier))
      missing = catalog.applied(schema, release: release).subtracting(catalog.applied(schema, release: earlier))
    } else {
      name = try database(from: nil)
      missing = catalog.applied(schema, release: release)
    }
    try apply(catalog.ordered(missing, in: schema), schema: schema, in: name)
    templates[key] = name
    return name
  }

  /// Runs each migration's up SQL and records it applied, as the migrator does.
  func apply(_ migrations: [Definition], schema: Schema, in database: String) throws {
    let connection = try Connection(dsn: "dbname=\(database)")
    for migration in migrations {
      let row = Self.ledgerRow(schema, migration.id, up: true, success: "true")
      if migration.isCreateIndexConcurrently {
        try connection.execute(migration.upQuery)
        try connection.execute(row)
      } else {
        try connection.execute("BEGIN;\n\(migration.upQuery)\n;\n\(row);\nCOMMIT;")
      }
    }
  }

  /// A `migration_logs` row; `success` is `true`, `false` or `NULL` (pending).
  static func ledgerRow(_ schema: Schema, _ version: Int, up: Bool, success: String, error: String? = nil) -> String {
    let finished = success == "NULL" ? "NULL" : "now()"
    return """
      INSERT INTO migration_logs (migration_logs_schema_version, schema, version, up, started_at, finished_at, success, error_message)
      VALUES (2, \(Quoting.literal(schema.ledgerName)), \(version), \(up), now(), \(finished), \(success), \(error.map(Quoting.literal) ?? "NULL"))
      """
  }
}
