import Migrations
import PostgresClient

/// A database drift builds the expected schema in, on the live server (or the one
/// `--scratch-dsn` names): created from `template0`, dropped afterwards — or, kept, found again
/// by the next run for the same schema and migrations (its name carries their hash).
public struct ScratchDatabase {
  /// The DSN of a database on the scratch server (nil: libpq's environment).
  let dsn: String?
  let options: ConnectOptions
  public let name: String

  public static let prefix = "rbshell_drift_"
  /// The comment a finished, kept scratch database carries: one without it is a build that was
  /// cut off, never reused.
  static let complete = "rbshell drift: built"

  /// - Parameter key: what the database holds (`DriftPlan.key`): same key, same schema.
  public init(dsn: String?, options: ConnectOptions, schema: Schema, key: String) {
    self.dsn = dsn
    self.options = options
    self.name = "\(Self.prefix)\(schema.rawValue)_\(key)"
  }

  public enum Failure: Error, Equatable, CustomStringConvertible {
    /// The role may not create databases there.
    case mayNotCreate(role: String, message: String)
    /// A migration failed in the scratch build (`migration`: its label; `error`: the server's).
    case buildFailed(migration: String, error: String)

    public var description: String {
      switch self {
      case .mayNotCreate(let role, let message):
        "drift builds the expected schema in a scratch database, but role \"\(role)\" may not create databases on this server (\(message)): "
          + "grant it CREATEDB, or point --scratch-dsn at a server where it may; nothing was written"
      case .buildFailed(let migration, let error):
        "drift could not build the expected schema: migration \(migration) failed in the scratch database: \(error). "
          + "The scratch database was dropped and nothing was written to the live database; run drift as a role that can run it "
          + "(a superuser, for an untrusted extension), or point --scratch-dsn at a server where it can"
      }
    }
  }

  func admin() throws -> Connection { try Connection(dsn: dsn, options: options) }

  /// A connection to database `name` on the scratch server.
  public func connect(_ name: String) throws -> Connection {
    var options = self.options
    options.database = name
    return try Connection(dsn: dsn, options: options)
  }

  /// Whether a kept, finished build of this key is there to reuse.
  public func isBuilt() throws -> Bool {
    let comment = try admin().query(
      "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1", [name]
    ).scalar
    return comment == Self.complete
  }

  /// Creates an empty database for a build (`name` + `suffix`), from `template0` as `CREATE
  /// DATABASE` makes every fresh one.
  public func create(suffix: String) throws -> String {
    let building = name + suffix
    let connection = try admin()
    let result = Result { () throws(PostgresError) in try connection.run("CREATE DATABASE \(Quoting.identifier(building)) TEMPLATE template0") }
    if case .failure(let error) = result {
      guard error.sqlState == .insufficientPrivilege else { throw error }
      throw Failure.mayNotCreate(role: connection.endpoint.user, message: error.message)
    }
    return building
  }

  /// Keeps a finished build under the key's name, for the next run. False when it cannot (another
  /// drift kept the same build first): the build is then used once and dropped like any other.
  public func keep(_ building: String) -> Bool {
    guard let connection = try? admin(),
      (try? connection.run("ALTER DATABASE \(Quoting.identifier(building)) RENAME TO \(Quoting.identifier(name))")) != nil
    else { return false }
    try? connection.run("COMMENT ON DATABASE \(Quoting.identifier(name)) IS \(Quoting.literal(Self.complete))")
    return true
  }

  /// Drops a build; never throws (it runs on the way out of a failure or an interrupt).
  public func drop(_ building: String) {
    guard let connection = try? admin() else { return }
    try? connection.run("DROP DATABASE IF EXISTS \(Quoting.identifier(building)) WITH (FORCE)")
  }
}
