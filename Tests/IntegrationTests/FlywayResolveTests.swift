import Foundation
import RBShellCore
import TestSupport
import Testing

@testable import RBShellCLI

/// Flyway (its real history table and lock; Flyway itself needs a JVM download, not available
/// here): a failed row resolved one at a time as the file's verdict proves, never `flyway
/// repair`'s all-at-once; an edited file found by its checksum.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct FlywayResolveIntegrationTests {
  static let files = [
    "V1__create_orders.sql": "CREATE TABLE orders (id bigint PRIMARY KEY);\n",
    "V2__add_customer.sql": "ALTER TABLE orders ADD COLUMN customer text;\n",
    "V3__index_customer.sql": "CREATE INDEX orders_customer ON orders (customer);\n",
  ]

  func folder(_ files: [String: String] = files) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appending(path: "flyway-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(to: folder.appending(path: name), atomically: true, encoding: .utf8) }
    return folder
  }

  /// Flyway's DDL; V1 and V2 applied with their files' checksums, V3 failed.
  func database(indexBuilt: Bool) throws -> TestDatabase {
    let db = try TestDatabase()
    let sum = { (name: String) in FlywayResolve.checksum(Self.files[name]!) }
    try db.connect().execute(
      """
      CREATE TABLE "public"."flyway_schema_history" ("installed_rank" INT NOT NULL, "version" VARCHAR(50), "description" VARCHAR(200) NOT NULL,
        "type" VARCHAR(20) NOT NULL, "script" VARCHAR(1000) NOT NULL, "checksum" INTEGER, "installed_by" VARCHAR(100) NOT NULL,
        "installed_on" TIMESTAMP NOT NULL DEFAULT now(), "execution_time" INTEGER NOT NULL, "success" BOOLEAN NOT NULL);
      ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
      CREATE TABLE orders (id bigint PRIMARY KEY, customer text);
      INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES
        (1, '1', 'create orders', 'SQL', 'V1__create_orders.sql', \(sum("V1__create_orders.sql")), 'app', 12, true),
        (2, '2', 'add customer', 'SQL', 'V2__add_customer.sql', \(sum("V2__add_customer.sql")), 'app', 8, true),
        (3, '3', 'index customer', 'SQL', 'V3__index_customer.sql', \(sum("V3__index_customer.sql")), 'app', 3, false);
      """ + (indexBuilt ? "CREATE INDEX orders_customer ON orders (customer);" : ""))
    return db
  }

  func history(_ db: TestDatabase) throws -> [String] {
    try db.connect().query("SELECT version || ' ' || success FROM flyway_schema_history ORDER BY installed_rank").rows.map { $0[0] ?? "" }
  }

  @Test(arguments: [(false, "rolled-back", ["1 true", "2 true"]), (true, "applied", ["1 true", "2 true", "3 true"])])
  func aFailedRowIsResolvedAsTheFileProves(indexBuilt: Bool, resolution: String, after: [String]) throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database(indexBuilt: indexBuilt)
    defer { db.drop() }
    let run = try RBShellRun.run(["diagnose", "--tool", "flyway", "--migrations", folder.path, "--json", "--dsn", db.dsn])
    #expect(run.status == 4, "stderr: \(run.stderr)")
    let findings = (try run.json()["ledgers"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] ?? []
    #expect(findings.map { $0["code"] as? String } == ["failed-migration"], "no checksum mismatch: the files are unchanged")
    let suggestion = try #require(findings.first?["suggestion"] as? String, "\(run.stdout)")
    #expect(suggestion.contains("--\(resolution) 3"))
    let repair = try WriteTest.rbshell(Array(try ShellWords.split(suggestion).dropFirst()) + ["--yes"])
    #expect(repair.status == 0, "stderr: \(repair.stderr)")
    #expect(try history(db) == after)
    if indexBuilt {
      let checksum = try db.connect().query("SELECT checksum FROM flyway_schema_history WHERE version = '3'").scalar
      #expect(checksum == String(FlywayResolve.checksum(Self.files["V3__index_customer.sql"]!)))
    }
  }

  @Test func anEditedFileIsAChecksumMismatch() throws {
    var edited = Self.files
    edited["V2__add_customer.sql"] = "ALTER TABLE orders ADD COLUMN customer varchar(80);\n"
    let folder = try folder(edited)
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database(indexBuilt: false)
    defer { db.drop() }
    let run = try RBShellRun.run(["diagnose", "--tool", "flyway", "--migrations", folder.path, "--dsn", db.dsn])
    #expect(run.status == 4)
    #expect(run.stdout.contains("changed 2: Flyway recorded 2 with checksum"), "\(run.stdout)")
  }

  @Test func flywaysLockHeldStopsTheRepair() throws {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try database(indexBuilt: false)
    defer { db.drop() }
    let flyway = try db.connect()
    try flyway.run("SELECT pg_advisory_lock(77433833903597)")
    let run = try WriteTest.rbshell([
      "repair", "resolve", "--tool", "flyway", "--migrations", folder.path, "--rolled-back", "3", "--dsn", db.dsn, "--yes", "--lock-timeout", "1",
    ])
    #expect(run.status == 5, "stderr: \(run.stderr)")
    #expect(run.stderr.contains("Flyway's lock on public.flyway_schema_history (advisory key 77433833903597) is held by pid"), "\(run.stderr)")
    #expect(try history(db) == ["1 true", "2 true", "3 false"])
  }
}
