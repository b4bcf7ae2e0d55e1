import Foundation

/// The demo's files, embedded in the binary at build time (Plugins/DemoAssets), so an installed
/// `rbshell demo` needs neither the source tree nor psql.
public enum DemoAssets {
  /// The ledger table, then the demo scenario: what psql would run to build the demo database.
  public static let scripts = ["sql/ledger/migration_logs.sql", "sql/scenarios/demo.sql"]
  static let migrationsFolder = "sql/migrations/"

  public static var files: [String: String] { demoAssetFiles }

  /// Every statement that builds the demo database, in order.
  public static func statements() throws(DemoScript.Problem) -> [String] {
    var statements: [String] = []
    for script in scripts { statements += try DemoScript.statements(of: script, files: files) }
    return statements
  }

  /// Writes the sample migrations (Sourcegraph's layout: schema/id_name/{up,down}.sql,
  /// metadata.yaml) under `folder`/migrations and returns that path.
  public static func writeMigrations(under folder: URL) throws -> URL {
    let target = folder.appending(path: "migrations")
    for (path, text) in files where path.hasPrefix(migrationsFolder) {
      let file = target.appending(path: String(path.dropFirst(migrationsFolder.count)))
      try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: file)
    }
    return target
  }
}
