import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A PostgreSQL cluster of its own in a fresh temporary folder: reachable only on a Unix socket
/// in that folder (no TCP port to collide with another server), trusted for local connections,
/// fsync off. Started as root, it runs as an unprivileged user (`postgres` when that user exists,
/// else `nobody`), since the server refuses root. `remove()` stops it and deletes the folder.
public final class ThrowawayCluster {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  public let folder: URL
  public let port = 5432
  public let superuser = "postgres"
  let installation: PostgresInstallation
  let serverUser: String?
  private var removed = false

  var data: String { folder.appending(path: "data").path }
  var setupLog: String { folder.appending(path: "setup.log").path }
  var serverLog: String { folder.appending(path: "server.log").path }

  /// The libpq environment that reaches it (PGHOST, PGPORT, PGUSER).
  public var environment: [String: String] { ["PGHOST": folder.path, "PGPORT": String(port), "PGUSER": superuser] }

  /// A libpq connection string for `database` on it.
  public func connectionString(database: String) -> String {
    "host='\(folder.path)' port=\(port) user=\(superuser) dbname=\(database)"
  }

  /// Where the folder goes: `temporary` (TMPDIR), unless the server's socket path in it would
  /// pass the 107 bytes a Unix socket path may have; then /tmp.
  public static func parent(preferring temporary: URL) -> URL {
    let socketLock = temporary.appending(path: "rbshell-demo.XXXXXX/.s.PGSQL.5432.lock").path
    return socketLock.utf8.count <= 107 ? temporary : URL(fileURLWithPath: "/tmp")
  }

  /// Creates the folder under `temporary`, initialises the cluster and starts it. On
  /// failure everything it made is removed and the error carries the end of the programs' output.
  public static func start(_ installation: PostgresInstallation, under temporary: URL) throws(Failure) -> ThrowawayCluster {
    var template = Array(temporary.appending(path: "rbshell-demo.XXXXXX").path.utf8CString)
    guard mkdtemp(&template) != nil else {
      throw Failure(description: "cannot create a folder in \(temporary.path): \(String(cString: strerror(errno)))")
    }
    let folder = URL(fileURLWithPath: String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    let cluster = ThrowawayCluster(folder: folder, installation: installation, serverUser: getuid() == 0 ? unprivilegedUser() : nil)
    do throws(Failure) {
      try cluster.handFolderToServerUser()
      try cluster.initialise()
      try cluster.startServer()
      return cluster
    } catch {
      cluster.remove()
      throw error
    }
  }

  init(folder: URL, installation: PostgresInstallation, serverUser: String?) {
    self.folder = folder
    self.installation = installation
    self.serverUser = serverUser
  }

  /// Stops the server (immediately: nothing in it is worth keeping) and deletes the folder.
  public func remove() {
    guard !removed else { return }
    removed = true
    if FileManager.default.fileExists(atPath: data + "/postmaster.pid") {
      _ = try? ChildProcess.run(asServerUser([installation.pgCtl, "-D", data, "-m", "immediate", "-w", "stop"]), log: "/dev/null")
    }
    try? FileManager.default.removeItem(at: folder)
  }

  /// The server's version: the third word of `postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)`.
  public var serverVersion: String {
    let output = try? ChildProcess.output(of: [installation.binDirectory + "/postgres", "--version"])
    let words = output?.split(whereSeparator: \.isWhitespace) ?? []
    return words.count > 2 ? String(words[2]) : "?"
  }

  private func initialise() throws(Failure) {
    let argv = [installation.initdb, "-D", data, "-U", superuser, "--auth-local=trust", "-E", "UTF8", "--no-locale", "--no-sync"]
    try check(argv, what: "initdb")
  }

  private func startServer() throws(Failure) {
    let options = "-p \(port) -k '\(folder.path)' -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    let argv = [installation.pgCtl, "-D", data, "-l", serverLog, "-w", "-t", "60", "start", "-o", options]
    try check(argv, what: "the server")
  }

  /// Runs `argv` as the server user, its output in the set-up log; on failure the error ends
  /// with the last lines of that log and the server's.
  private func check(_ argv: [String], what: String) throws(Failure) {
    let status: Int32
    do { status = try ChildProcess.run(asServerUser(argv), log: setupLog) } catch { throw Failure(description: error.description) }
    guard status == 0 else {
      let tail = [setupLog, serverLog].compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }.joined()
        .split(separator: "\n").suffix(12).joined(separator: "\n")
      throw Failure(description: "\(what) did not start (exit \(status)):\n\(tail)")
    }
  }

  /// `argv`, run through util-linux's runuser when the server must not run as root.
  private func asServerUser(_ argv: [String]) -> [String] {
    guard let serverUser else { return argv }
    let runuser = ["/usr/sbin/runuser", "/sbin/runuser"].first(where: FileManager.default.isExecutableFile(atPath:)) ?? "runuser"
    return [runuser, "-u", serverUser, "--"] + argv
  }

  private func handFolderToServerUser() throws(Failure) {
    chmod(folder.path, 0o755)
    guard let serverUser else { return }
    guard let account = getpwnam(serverUser) else { throw Failure(description: "no user \(serverUser) to run PostgreSQL as") }
    guard chown(folder.path, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
      throw Failure(description: "cannot hand \(folder.path) to \(serverUser): \(String(cString: strerror(errno)))")
    }
    let reachable = try? ChildProcess.run(asServerUser(["test", "-w", folder.path]), log: "/dev/null")
    guard reachable == 0 else {
      throw Failure(
        description: "the server runs as \(serverUser), who cannot reach \(folder.path) (a folder above it is not searchable): "
          + "set TMPDIR to a folder it can reach, e.g. TMPDIR=/tmp")
    }
  }

  /// The account a root-started demo runs its server as.
  static func unprivilegedUser() -> String {
    getpwnam("postgres") != nil ? "postgres" : "nobody"
  }
}
