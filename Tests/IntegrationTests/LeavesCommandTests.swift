import Foundation
import TestSupport
import Testing

/// `leaves`, `validate-definitions` and `graph` through the real binary (no database needed).
@Suite struct LeavesCommandTests {
  /// Release A: 1 → 2 → {3, 4}. Release B adds 5 (merging 3 and 4) and 6 on a side branch from 2.
  func twoReleases() throws -> MigrationFolder {
    let folder = try MigrationFolder()
    try folder.git("init", "-q")
    try folder.add("frontend", 1, name: "init")
    try folder.add("frontend", 2, name: "users", parents: [1])
    try folder.add("frontend", 3, name: "orgs", parents: [2])
    try folder.add("frontend", 4, name: "teams", parents: [2])
    try folder.add("codeintel", 100, name: "codeintel init")
    try folder.git("add", "-A")
    try folder.git("commit", "-qm", "A")
    try folder.git("tag", "A")
    try folder.add("frontend", 5, name: "merge orgs and teams", parents: [3, 4])
    try folder.add("frontend", 6, name: "side branch", parents: [2])
    try folder.add("codeintel", 101, name: "codeintel two", parents: [100])
    try folder.git("add", "-A")
    try folder.git("commit", "-qm", "B")
    try folder.git("tag", "B")
    try folder.add("frontend", 7, name: "uncommitted work", parents: [5, 6])  // only in the working tree
    return folder
  }

  @Test func leavesAtEachTagComeFromGitNotTheWorkingTree() throws {
    let folder = try twoReleases()
    let a = try RBShellRun.run(["leaves", "--migrations", folder.migrations.path, "--rev", "A"])
    #expect(a.status == 0, "stderr: \(a.stderr)")
    #expect(
      a.stdout == """
        Leaf migrations for "frontend" defined at commit "A"
         3: (orgs)
         4: (teams)

        Leaf migrations for "codeintel" defined at commit "A"
         100: (codeintel init)

        """)
    let b = try RBShellRun.run(["leaves", "--migrations", folder.migrations.path, "--rev", "B", "--json"])
    let schemas = try #require(try b.json()["schemas"] as? [[String: Any]])
    let frontend = try #require(schemas.first { $0["schema"] as? String == "frontend" })
    #expect((frontend["leaves"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [5, 6])
    let working = try RBShellRun.run(["leaves", "--migrations", folder.migrations.path, "-db=frontend"])
    #expect(working.stdout.contains(" 7: (uncommitted work)"))
  }

  @Test func unknownRevisionOrVersionIsBadUsage() throws {
    let folder = try twoReleases()
    let rev = try RBShellRun.run(["leaves", "--migrations", folder.migrations.path, "--rev", "no-such-tag"])
    #expect(rev.status == 64)
    #expect(rev.stderr.contains(#"unknown git revision "no-such-tag""#))
    let version = try RBShellRun.run(["leaves", "--migrations", folder.migrations.path, "--version", "v3.36.0"])
    #expect(version.status == 64)
    let missing = try RBShellRun.run(["leaves", "--migrations", folder.root.appending(path: "nope").path])
    #expect(missing.status == 64)
    let schema = try RBShellRun.run(["leaves", "--migrations", folder.migrations.path, "--db", "codeinsights"])
    #expect(schema.status == 64)
    #expect(schema.stderr.contains("no definitions for schema codeinsights"))
  }

  @Test func invalidDefinitionsExit65ListingEveryProblem() throws {
    let folder = try MigrationFolder()
    try folder.add("frontend", 1, name: "init")
    try folder.add("frontend", 2, name: "needs superuser", parents: [1], up: "CREATE EXTENSION pg_trgm;")
    try folder.add("frontend", 3, name: "orphan", parents: [99])
    try folder.add("frontend", 4, name: "index", parents: [2], up: "CREATE INDEX CONCURRENTLY i ON t(a);")
    for command in ["leaves", "validate-definitions"] {
      let run = try RBShellRun.run([command, "--migrations", folder.migrations.path])
      #expect(run.status == 65, "\(command): \(run.stderr)")
      let all = run.stdout + run.stderr
      #expect(all.contains("unmarked-privilege"))
      #expect(all.contains("unknown migration 99 referenced from migration 3"))
      #expect(all.contains("concurrent-unexpected"))
    }
  }

  @Test func validateAndGraphDescribeAValidFolder() throws {
    let folder = try twoReleases()
    let check = try RBShellRun.run(["validate-definitions", "--migrations", folder.migrations.path.appending("/frontend")])
    #expect(check.status == 0, "stderr: \(check.stderr)")
    #expect(check.stdout.contains("definitions: 7"))
    #expect(check.stdout.contains("leaves: 7 (uncommitted work)"))
    let dot = try RBShellRun.run(["graph", "--migrations", folder.migrations.path, "--db", "frontend", "--format", "dot"])
    #expect(dot.stdout.contains("m3 -> m5;"))
    #expect(dot.stdout.contains("m2 -> m6;"))
    let text = try RBShellRun.run(["graph", "--migrations", folder.migrations.path, "--db", "frontend", "--depth", "2"])
    #expect(text.stdout.contains("7  uncommitted work  ← 5, 6  [merge; LEAF]"))
    #expect(!text.stdout.contains("  2  users"))
  }

  @Test(.enabled(if: Corpus.testsEnabled, "needs the stitched graph in ../shared"))
  func stitchedGraphReleases() throws {
    let run = try RBShellRun.run(["leaves", "--migrations", Corpus.stitchedGraphURL.path, "--version", "v3.36.0"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("Leaf migrations for \"frontend\" defined at release \"v3.36.0\"\n 1528395968: (track fork namespace on spec)"))
    #expect(run.stdout.contains(" 1000000030: "))
    #expect(run.stdout.contains(" 1000000025: "))
  }
}
