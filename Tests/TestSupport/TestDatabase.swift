import Foundation
import PostgresClient

/// A database of its own for one test, created through the harness's `PG*` environment and
/// dropped afterwards, so tests can run in parallel.
public final class TestDatabase {
  public let name: String
  private let admin: Connection

  /// Creates `rbshell_test_<random>`; throws when the server cannot be reached.
  public init(prefix: String = "rbshell_test") throws {
    admin = try Connection(dsn: nil)
    name = "\(prefix)_\(UInt32.random(in: 0...UInt32.max))_\(ProcessInfo.processInfo.processIdentifier)"
    try admin.run("CREATE DATABASE \(Quoting.identifier(name))")
  }

  deinit { drop() }

  /// Drops the database and the roles made for it. Call it in a `defer` right after creating
  /// the database: that also keeps the object alive until the test ends (Swift may release an
  /// unused local early, and dropping terminates every connection to it).
  public func drop() {
    try? admin.run("DROP DATABASE IF EXISTS \(Quoting.identifier(name)) WITH (FORCE)")
    for role in roles { try? admin.run("DROP ROLE IF EXISTS \(Quoting.identifier(role))") }
    roles.removeAll()
  }

  /// A keyword/value DSN for this database; host, port and user come from the environment.
  public var dsn: String { "dbname=\(name)" }

  public func connect(options: ConnectOptions = ConnectOptions()) throws -> Connection {
    try Connection(dsn: dsn, options: options)
  }

  /// Runs SQL files from the repository (paths relative to its root) in order.
  public func load(_ files: String...) throws {
    let connection = try connect()
    for file in files {
      try connection.execute(try String(contentsOf: PackagePaths.root.appending(path: file), encoding: .utf8))
    }
  }

  /// Runs SQL as the admin role against this database.
  @discardableResult
  public func execute(_ sql: String) throws -> [QueryResult] {
    try connect().execute(sql)
  }

  /// A role that is dropped with the test (roles are cluster-wide, so the name is unique too).
  public func makeRole(_ suffix: String, password: String? = nil) throws -> String {
    let role = "\(name)_\(suffix)"
    let pw = password.map { " PASSWORD \(Quoting.literal($0))" } ?? ""
    try admin.run("CREATE ROLE \(Quoting.identifier(role)) LOGIN\(pw)")
    roles.append(role)
    return role
  }

  private var roles: [String] = []
}
