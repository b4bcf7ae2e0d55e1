import Foundation
import Testing

@testable import DemoKit

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct DemoScriptTests {
  @Test func includesAreExpandedRelativeToTheIncludingFile() throws {
    let files = [
      "sql/scenarios/demo.sql": "\\ir lib/a.sql\nSELECT 3;\n",
      "sql/scenarios/lib/a.sql": "SELECT 1;\n  \\ir ../../migrations/x/up.sql\n",
      "sql/migrations/x/up.sql": "CREATE TABLE t (s text DEFAULT ';');\n",
    ]
    let statements = try DemoScript.statements(of: "sql/scenarios/demo.sql", files: files)
    #expect(statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } == ["SELECT 1", "CREATE TABLE t (s text DEFAULT ';')", "SELECT 3"])
  }

  @Test func aMissingFileOrAnotherPsqlCommandIsNamed() {
    #expect(throws: DemoScript.Problem(description: "sql/b.sql: not among the demo's files")) {
      try DemoScript.statements(of: "sql/a.sql", files: ["sql/a.sql": "\\ir b.sql\n"])
    }
    #expect(throws: DemoScript.Problem(description: "sql/a.sql: only \\ir is supported, not \\set x 1")) {
      try DemoScript.statements(of: "sql/a.sql", files: ["sql/a.sql": "\\set x 1\n"])
    }
    #expect(throws: DemoScript.Problem(description: "sql/a.sql: includes nest more than 16 deep")) {
      try DemoScript.statements(of: "sql/a.sql", files: ["sql/a.sql": "\\ir a.sql\n"])
    }
  }

  @Test func pathsFoldDotsAway() {
    #expect(DemoScript.resolve("../../migrations/f/up.sql", against: "sql/scenarios/lib/base.sql") == "sql/migrations/f/up.sql")
    #expect(DemoScript.resolve("./lib/ledger.sql", against: "sql/scenarios/demo.sql") == "sql/scenarios/lib/ledger.sql")
  }
}

@Suite struct DemoAssetsTests {
  /// The binary carries exactly what is in the tree: every sample migration file, the ledger
  /// table, the scenario and its helpers, byte for byte.
  @Test func theEmbeddedFilesAreTheTreesFiles() throws {
    let migrations = try FileManager.default.subpathsOfDirectory(atPath: packageRoot.appending(path: "sql/migrations").path)
      .filter { $0.hasSuffix(".sql") || $0.hasSuffix(".yaml") }.map { "sql/migrations/\($0)" }
    #expect(migrations.count >= 39)
    for path in migrations + DemoAssets.scripts + ["sql/scenarios/lib/ledger.sql", "sql/scenarios/lib/frontend-base.sql"] {
      let onDisk = try String(contentsOf: packageRoot.appending(path: path), encoding: .utf8)
      #expect(DemoAssets.files[path] == onDisk, "\(path)")
    }
  }

  @Test func theDemoBuildsFromStatementsWithNoPsqlCommandsLeft() throws {
    let statements = try DemoAssets.statements()
    #expect(statements.count > 30)
    #expect(!statements.contains { $0.contains("\\ir") })
    #expect(statements.contains { $0.contains("CREATE TABLE IF NOT EXISTS migration_logs") })
    #expect(statements.contains { $0.contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS repo_name_trgm") })
  }

  @Test func theMigrationsAreWrittenInSourcegraphsLayout() throws {
    let folder = FileManager.default.temporaryDirectory.appending(path: "demokit-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let written = try DemoAssets.writeMigrations(under: folder)
    let up = try String(contentsOf: written.appending(path: "frontend/1700000400_repo_name_trgm_index/up.sql"), encoding: .utf8)
    #expect(up == DemoAssets.files["sql/migrations/frontend/1700000400_repo_name_trgm_index/up.sql"])
    #expect(FileManager.default.fileExists(atPath: written.appending(path: "codeinsights/1700002000_init/metadata.yaml").path))
  }
}

@Suite struct PostgresInstallationTests {
  @Test func pathComesFirstThenPgConfigThenTheNewestDebianFolder() {
    let candidates = PostgresInstallation.candidates(
      path: "/usr/local/bin::/usr/bin", pgConfigBindir: "/usr/lib/postgresql/15/bin",
      versionedFolders: ["/usr/lib/postgresql/9.6/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"])
    #expect(
      candidates == [
        "/usr/local/bin", "/usr/bin", "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/9.6/bin",
      ])
  }

  @Test func aFolderNeedsBothPrograms() {
    let present: Set = ["/a/initdb", "/b/initdb", "/b/pg_ctl"]
    #expect(PostgresInstallation.find(in: ["/a", "/b"], isExecutable: present.contains) == PostgresInstallation(binDirectory: "/b"))
    #expect(PostgresInstallation.find(in: ["/a"], isExecutable: present.contains) == nil)
  }

  @Test func theMissingMessageSaysWhereItLookedAndWhatToInstall() {
    let message = PostgresMissing().description
    #expect(message.contains("initdb and pg_ctl"))
    #expect(message.contains("/usr/lib/postgresql/*/bin"))
    #expect(message.contains("apt-get install postgresql"))
  }
}

@Suite struct ThrowawayClusterTests {
  /// A Unix socket path holds at most 107 bytes: a deep TMPDIR would stop the server starting.
  @Test func aTemporaryFolderTooDeepForTheSocketFallsBackToTmp() {
    let shallow = URL(fileURLWithPath: "/tmp/rbshell-test.abcdef/demo")
    #expect(ThrowawayCluster.parent(preferring: shallow) == shallow)
    let deep = URL(fileURLWithPath: "/tmp/" + String(repeating: "a", count: 80))
    #expect(ThrowawayCluster.parent(preferring: deep).path == "/tmp")
  }
}
