import Foundation

/// Where PostgreSQL's server programs (`initdb`, `pg_ctl`) are: the first folder holding both,
/// looked for on PATH, then in `pg_config --bindir`, then in Debian's
/// /usr/lib/postgresql/VERSION/bin (newest first).
public struct PostgresInstallation: Sendable, Equatable {
  public var binDirectory: String

  public var initdb: String { binDirectory + "/initdb" }
  public var pgCtl: String { binDirectory + "/pg_ctl" }

  /// The folders to try, in order, without duplicates.
  static func candidates(path: String?, pgConfigBindir: String?, versionedFolders: [String]) -> [String] {
    let onPath = (path ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
    let newestFirst = versionedFolders.sorted { versionKey($0).lexicographicallyPrecedes(versionKey($1)) }.reversed()
    var seen = Set<String>()
    return (onPath + [pgConfigBindir].compactMap { $0 } + newestFirst).filter { seen.insert($0).inserted }
  }

  /// The first candidate holding both programs.
  static func find(in candidates: [String], isExecutable: (String) -> Bool) -> PostgresInstallation? {
    candidates.first { isExecutable($0 + "/initdb") && isExecutable($0 + "/pg_ctl") }.map(PostgresInstallation.init)
  }

  /// This machine's installation, or why there is none and what to install.
  public static func locate() throws(PostgresMissing) -> PostgresInstallation {
    let environment = ProcessInfo.processInfo.environment
    let files = FileManager.default
    let debianRoot = "/usr/lib/postgresql"
    let versioned = ((try? files.contentsOfDirectory(atPath: debianRoot)) ?? []).map { "\(debianRoot)/\($0)/bin" }
    let list = candidates(path: environment["PATH"], pgConfigBindir: pgConfigBindir(), versionedFolders: versioned)
    guard let found = find(in: list, isExecutable: files.isExecutableFile(atPath:)) else { throw PostgresMissing() }
    return found
  }

  /// `pg_config --bindir`, when pg_config is on PATH.
  static func pgConfigBindir() -> String? {
    guard let output = try? ChildProcess.output(of: ["pg_config", "--bindir"]) else { return nil }
    let folder = output.trimmingCharacters(in: .whitespacesAndNewlines)
    return folder.isEmpty ? nil : folder
  }

  /// `/usr/lib/postgresql/16/bin` → [16]; `…/9.6/bin` → [9, 6]: numeric order, not text order.
  static func versionKey(_ folder: String) -> [Int] {
    let version = folder.split(separator: "/").dropLast().last ?? ""
    return version.split(separator: ".").map { Int($0) ?? 0 }
  }
}

/// No PostgreSQL server programs were found: says where rbshell looked and what to install.
public struct PostgresMissing: Error, CustomStringConvertible {
  public var description: String {
    """
    rbshell demo needs PostgreSQL's server programs (initdb and pg_ctl) and found none on PATH, \
    in `pg_config --bindir` or in /usr/lib/postgresql/*/bin. Install PostgreSQL and run it again: \
    Debian/Ubuntu: apt-get install postgresql · Fedora/RHEL: dnf install postgresql-server · \
    macOS: brew install postgresql; or put the folder holding initdb on PATH.
    """
  }
}
