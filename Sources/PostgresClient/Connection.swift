import CLibPQ

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One libpq connection.
///
/// Deliberately not `Sendable`: libpq forbids using a connection from two threads at once,
/// so the compiler keeps it on one. Use `makeCanceller()` to stop a running query from elsewhere.
public final class Connection {
  let handle: OpaquePointer
  private let notices: NoticeCollector
  /// Statements sent to the server since the connection opened; lets tests prove a command's
  /// query count does not grow with the data.
  public internal(set) var statementsSent = 0

  /// Where the connection points, for messages. Never holds the password.
  public let endpoint: Endpoint

  /// Opens a connection.
  ///
  /// - Parameters:
  ///   - dsn: a keyword/value string or `postgres://` URL; `nil` lets libpq use its environment
  ///     (`PG*` variables, `~/.pgpass`, service files).
  ///   - options: session settings applied on connect.
  /// - Throws: `PostgresError` of kind `.connectionFailed`, its message free of any password.
  public init(dsn: String?, options: ConnectOptions = ConnectOptions()) throws(PostgresError) {
    let handle = Self.open(dsn: dsn, options: options)
    guard let handle else {
      throw PostgresError(kind: .connectionFailed, message: "libpq could not allocate a connection")
    }
    let endpoint = Endpoint(handle)
    guard PQstatus(handle) == CONNECTION_OK else {
      let message = Self.trimmed(String(cString: PQerrorMessage(handle)))
      PQfinish(handle)
      // The endpoint too: a URL with an unencoded '/' in its password reads as host and port.
      var scrubbed = ConnectionString.scrub("\(endpoint): \(message)", secrets: dsn.map(ConnectionString.passwords) ?? [])
      if let dsn, ConnInfo.parse(dsn) == nil { scrubbed = ConnectionString.scrubMalformed(scrubbed) }
      throw PostgresError(kind: .connectionFailed, message: scrubbed)
    }
    self.handle = handle
    self.endpoint = endpoint
    self.notices = NoticeCollector()
    notices.install(on: handle)
    if options.readOnly { try run("SET default_transaction_read_only = on") }
  }

  deinit { PQfinish(handle) }

  /// Server notices (`RAISE NOTICE`, `NOTICE: … does not exist, skipping`) received since the
  /// last call, instead of libpq printing them to stderr.
  public func takeNotices() -> [Notice] { notices.take() }

  /// Whether the connection is still usable.
  public var isAlive: Bool { PQstatus(handle) == CONNECTION_OK }

  /// The server's backend process id (`pg_backend_pid()`), e.g. to name this session in lock reports.
  public var backendPID: Int32 { PQbackendPID(handle) }

  /// The server's `standard_conforming_strings` (on unless set off): whether a backslash in a
  /// plain `'…'` string is an ordinary character. It decides where such a string ends.
  public var standardConformingStrings: Bool {
    guard let value = PQparameterStatus(handle, "standard_conforming_strings") else { return true }
    return String(cString: value) != "off"
  }

  /// The server's version number, e.g. 150004.
  public var serverVersion: Int { Int(PQserverVersion(handle)) }

  /// A handle that cancels the statement running on this connection; safe to use from any thread.
  public func makeCanceller() -> QueryCanceller { QueryCanceller(PQgetCancel(handle)) }

  func countStatement() { statementsSent += 1 }

  private static func open(dsn: String?, options: ConnectOptions) -> OpaquePointer? {
    // Later keywords override earlier ones, and `dbname` expands a full connection string:
    // the user's DSN may override the timeout, but not rbshell's application name.
    var pairs: [(String, String)] = [("connect_timeout", String(options.connectTimeoutSeconds))]
    if let dsn { pairs.append(("dbname", dsn)) }
    if let database = options.database { pairs.append(("dbname", database)) }
    pairs.append(("application_name", options.applicationName))
    let keywords = pairs.map { strdup($0.0) }
    let values = pairs.map { strdup($0.1) }
    defer { (keywords + values).forEach { free($0) } }
    let k: [UnsafePointer<CChar>?] = keywords.map { $0.map { UnsafePointer($0) } } + [nil]
    let v: [UnsafePointer<CChar>?] = values.map { $0.map { UnsafePointer($0) } } + [nil]
    return PQconnectdbParams(k, v, 1)
  }

  static func trimmed(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
      $0.trimmingCharacters(in: " \t")
    }
    lines.removeAll(where: \.isEmpty)
    return lines.joined(separator: "; ")
  }
}

/// Session settings applied when connecting.
public struct ConnectOptions: Sendable {
  public var applicationName: String
  /// Puts the session in `default_transaction_read_only` mode: diagnosis can then not write.
  public var readOnly: Bool
  public var connectTimeoutSeconds: Int
  /// Another database on the same server, with the DSN's host, user and credentials: libpq
  /// expands only the first `dbname`, so a later one overrides just the database name.
  public var database: String?

  public init(applicationName: String = "rbshell", readOnly: Bool = false, connectTimeoutSeconds: Int = 10, database: String? = nil) {
    self.applicationName = applicationName
    self.readOnly = readOnly
    self.connectTimeoutSeconds = connectTimeoutSeconds
    self.database = database
  }
}

/// Host, port, database and user of a connection, as libpq resolved them (no password).
public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
  public var host: String
  public var port: String
  public var database: String
  public var user: String

  public init(host: String, port: String, database: String, user: String) {
    self.host = host
    self.port = port
    self.database = database
    self.user = user
  }

  init(_ handle: OpaquePointer) {
    func text(_ p: UnsafeMutablePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }
    self.init(
      host: text(PQhost(handle)), port: text(PQport(handle)), database: text(PQdb(handle)),
      user: text(PQuser(handle)))
  }

  public var description: String {
    "host \(host) port \(port) database \(database) user \(user)"
  }
}

extension StringProtocol {
  func trimmingCharacters(in set: String) -> String {
    let chars = Set(set)
    guard let start = firstIndex(where: { !chars.contains($0) }) else { return "" }
    let end = lastIndex(where: { !chars.contains($0) })!
    return String(self[start...end])
  }
}
