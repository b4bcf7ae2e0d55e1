import Foundation
import Migrations
import TestSupport
import Testing

@testable import RBShellCore

/// The hypothesis engine on Sourcegraph's real statements: a migration ran in one transaction or
/// it did not, later statements override earlier ones, and statements on an object a missing
/// CREATE would have made are no evidence.
@Suite(.enabled(if: Corpus.testsEnabled, "needs ../shared/corpus"))
struct RealMigrationHypothesisTests {
  static let graph = Corpus.stitchedGraph.flatMap { try? StitchedGraph.decode($0, location: "stitched") }

  func definition(_ schema: String, _ id: Int) throws -> Definition {
    try #require(Self.graph?.schemas[schema]?.definitions.first { $0.id == id })
  }

  func analysis(_ definition: Definition, _ catalog: CatalogSnapshot) -> MigrationAnalysis {
    MigrationAnalysis(definition: definition, up: true, catalog: catalog)
  }

  func table(_ name: String, _ columns: [String] = []) -> (QualifiedName, Relation) {
    (QualifiedName("public", name), Relation(kind: .table, columns: Dictionary(uniqueKeysWithValues: columns.map { ($0, Column(type: "integer")) })))
  }

  /// frontend 1667500111: DROP TRIGGER IF EXISTS x …; CREATE TRIGGER x …. The trigger is there
  /// whether the migration ran or not: not "partially applied" (whose `complete` re-ran the
  /// DROP), but unknown with a retry that is right either way.
  @Test func dropAndCreateTriggerIsNotPartial() throws {
    let migration = try definition("frontend", 1_667_500_111)
    let ranks = QualifiedName("public", "codeintel_path_ranks")
    var catalog = CatalogSnapshot(
      relations: [ranks: Relation(kind: .table)], functions: [QualifiedName("public", "update_codeintel_path_ranks_updated_at_column"): 1])
    catalog.triggers = [ranks: ["update_codeintel_path_ranks_updated_at"]]
    let result = analysis(migration, catalog)
    #expect(result.verdict == .unknown)
    #expect(result.rerunSafe)
    #expect(RepairAction.retry.fits(result, attemptWasUp: true))
    #expect(!RepairAction.complete.fits(result, attemptWasUp: true))
    #expect(!RepairAction.markApplied.fits(result, attemptWasUp: true))
    // The trigger gone: "all ran" is ruled out; with IF EXISTS it may never have been there.
    catalog.triggers = [:]
    let gone = analysis(migration, catalog)
    #expect(gone.verdict == .notApplied)
    #expect(gone.evidence.contains { $0.hasPrefix("ruled out: all 2 ran: statement 1: trigger update_codeintel_path_ranks_updated_at is not on") })
  }

  /// frontend 1528395885: three DROP VIEW, then the three views re-created.
  @Test func dropAndCreateViewsAreNotPartial() throws {
    let migration = try definition("frontend", 1_528_395_885)
    let views = ["lsif_dumps_with_repository_name", "lsif_dumps", "lsif_uploads_with_repository_name"]
    var relations = Dictionary(uniqueKeysWithValues: [table("lsif_uploads"), table("repo")])
    for view in views { relations[QualifiedName("public", view)] = Relation(kind: .view) }
    let whole = analysis(migration, CatalogSnapshot(relations: relations))
    #expect(whole.verdict == .unknown)
    #expect(whole.rerunSafe)
    #expect(whole.statements.allSatisfy { $0.state != .notApplied || $0.summary.hasPrefix("DROP") })
    // Dropped and not re-created: the first three ran (one by one); complete creates them.
    for view in views { relations[QualifiedName("public", view)] = nil }
    let dropped = analysis(migration, CatalogSnapshot(relations: relations))
    #expect(dropped.verdict == .partiallyApplied)
    #expect(dropped.afterLastApplied == [4, 5, 6])
  }

  /// frontend 1691595214: ADD COLUMN IF NOT EXISTS, DROP VIEW IF EXISTS, CREATE VIEW.
  @Test func addColumnThenRecreateView() throws {
    let migration = try definition("frontend", 1_691_595_214)
    let view = (QualifiedName("public", "lsif_indexes_with_repository_name"), Relation(kind: .view))
    let before = analysis(migration, CatalogSnapshot(relations: Dictionary(uniqueKeysWithValues: [table("lsif_indexes", ["id"]), table("repo"), view])))
    #expect(before.verdict == .notApplied)
    #expect(before.evidence.contains { $0.hasPrefix("ruled out: all 3 ran") })
    let after = analysis(
      migration, CatalogSnapshot(relations: Dictionary(uniqueKeysWithValues: [table("lsif_indexes", ["id", "enqueuer_user_id"]), table("repo"), view])))
    #expect(after.verdict == .unknown)
    #expect(after.rerunSafe)
  }

  /// frontend 1678899992: an index name longer than 63 bytes is found under the name the server
  /// cut it to; nothing there means none ran.
  @Test func longIndexNamesCountAsEvidence() throws {
    let migration = try definition("frontend", 1_678_899_992)
    #expect(analysis(migration, CatalogSnapshot()).verdict == .notApplied)
    let long = "codeintel_initial_path_ranks_processed_cgraph_key_codeintel_initial_path_ranks_id"
    let tables = [table("codeintel_initial_path_ranks"), table("codeintel_initial_path_ranks_processed")]
    let indexNames = [
      "codeintel_initial_path_ranks_graph_key_id", "codeintel_initial_path_ranks_graph_key_last_scanned_at", "codeintel_initial_path_upload_id",
    ]
    var indexes = Dictionary(uniqueKeysWithValues: indexNames.map { (QualifiedName("public", $0), Index(table: tables[0].0)) })
    indexes[QualifiedName("public", SQLLexer.truncatedToNameLength(long))] = Index(table: tables[1].0, unique: true)
    let result = analysis(migration, CatalogSnapshot(relations: Dictionary(uniqueKeysWithValues: tables), indexes: indexes))
    #expect(result.statements.allSatisfy { $0.state != .notApplied }, "\(result.statements.map(\.reason))")
    #expect(result.rerunSafe)
    // Without the long-named index it did not run (the others may predate it: IF NOT EXISTS).
    indexes[QualifiedName("public", SQLLexer.truncatedToNameLength(long))] = nil
    let missing = analysis(migration, CatalogSnapshot(relations: Dictionary(uniqueKeysWithValues: tables), indexes: indexes))
    #expect(missing.verdict == .notApplied)
    #expect(missing.evidence.contains { $0.hasPrefix("ruled out: all 6 ran: statement 6") })
  }

  /// codeintel 1000000018: CREATE TABLE IF NOT EXISTS, then a primary key, an index and comments
  /// on it. Without the table none ran (its dependents are no evidence, not "unknown"); with all
  /// of it, all ran.
  @Test func dependentsOfAMissingTableDoNotMakeItUnknown() throws {
    let migration = try definition("codeintel", 1_000_000_018)
    let none = analysis(migration, CatalogSnapshot())
    #expect(none.verdict == .notApplied)
    #expect(none.statements.allSatisfy { $0.state == .notApplied })
    #expect(RepairAction.retry.fits(none, attemptWasUp: true))
    let name = QualifiedName("public", "lsif_data_documentation_mappings")
    var catalog = CatalogSnapshot(
      relations: [
        name: Relation(kind: .table, columns: ["dump_id": Column(type: "integer"), "path_id": Column(type: "bigint"), "result_id": Column(type: "bigint")])
      ],
      indexes: [QualifiedName("public", "lsif_data_documentation_mappings_inverse_unique_idx"): Index(table: name, unique: true)])
    catalog.constraintShapes = [name: [ConstraintShape(.primaryKey, columns: ["dump_id", "path_id"])]]
    for statement in SQLSplitter.split(migration.upQuery) {
      if case .comment(let subject, let text) = StatementParser.parse(statement.text), let text {
        switch subject {
        case .relation: catalog.comments[CommentTarget(kind: .relation, name: name)] = text
        case .column(_, let column): catalog.comments[CommentTarget(kind: .column, name: name, column: column)] = text
        default: break
        }
      }
    }
    let all = analysis(migration, catalog)
    #expect(all.verdict == .fullyApplied, "\(all.evidence)")
    #expect(all.evidence.contains { $0.hasPrefix("ruled out: none ran") })
  }
}

/// The engine's rules on small synthetic migrations.
@Suite struct HypothesisRuleTests {
  static let tableA = CatalogSnapshot(relations: [QualifiedName("public", "a"): Relation(kind: .table)])

  func analysis(_ sql: String, _ catalog: CatalogSnapshot = tableA, concurrent: Bool = false) -> MigrationAnalysis {
    let index = concurrent ? IndexMetadata(tableName: "a", indexName: "i") : nil
    return MigrationAnalysis(definition: Definition(id: 1, upQuery: sql, concurrentIndex: index), up: true, catalog: catalog)
  }

  /// In one transaction, a data statement ran exactly when the CREATE beside it did.
  @Test func aDataStatementRanWithItsTransaction() {
    let result = analysis("CREATE TABLE a (id int); INSERT INTO a VALUES (1);")
    #expect(result.verdict == .fullyApplied)
    #expect(result.statements.map(\.state) == [.applied, .applied])
    #expect(analysis("INSERT INTO b VALUES (1); CREATE TABLE b (id int);").verdict == .notApplied)
  }

  /// Weak evidence never contradicts: an IF NOT EXISTS object that was already there fits "none
  /// ran" too; with a data statement beside it, running it again is not safe, so it is unknown.
  @Test func weakEvidenceAloneDecidesNothingUnsafe() {
    let guarded = analysis("CREATE TABLE IF NOT EXISTS a (id int); INSERT INTO a VALUES (1);")
    #expect(guarded.verdict == .unknown)
    #expect(!guarded.rerunSafe)
    #expect(!RepairAction.retry.fits(guarded, attemptWasUp: true))
    let idempotent = analysis("CREATE TABLE IF NOT EXISTS a (id int);")
    #expect(idempotent.verdict == .unknown)
    #expect(idempotent.rerunSafe)
    // An IF NOT EXISTS object that is missing rules out "it ran".
    #expect(analysis("CREATE TABLE IF NOT EXISTS z (id int); INSERT INTO z VALUES (1);").verdict == .notApplied)
  }

  /// Dropping a table takes its indexes with it: before the migration the index may have been
  /// there, so finding it absent is no evidence against "none ran".
  @Test func droppingATableRemovesWhatHangsOnIt() {
    let a = QualifiedName("public", "a")
    let catalog = CatalogSnapshot(
      relations: [a: Relation(kind: .table), QualifiedName("public", "z"): Relation(kind: .table)],
      indexes: [QualifiedName("public", "a_idx"): Index(table: a)])
    let result = analysis("DROP TABLE a; CREATE TABLE a (id int); CREATE INDEX a_idx ON a (id); DROP TABLE z;", catalog)
    #expect(result.verdict == .notApplied, "\(result.evidence)")
  }

  /// A concurrent-index migration is not one transaction: every stopping point is a candidate,
  /// and one the catalog cannot place is not a proven stopping point for `complete`.
  @Test func nonAtomicMigrationsTryEveryStoppingPoint() {
    let result = analysis("CREATE TABLE a (id int); UPDATE a SET id = 1; CREATE TABLE z (id int);", concurrent: true)
    #expect(result.verdict == .partiallyApplied)
    #expect(result.ran == nil)
    #expect(!RepairAction.complete.fits(result, attemptWasUp: true))
    #expect(result.evidence.contains { $0.contains("statements 2…2 may or may not have run") })
    let proven = analysis("CREATE TABLE a (id int); CREATE TABLE z (id int);", concurrent: true)
    #expect(proven.ran == 1)
    #expect(RepairAction.complete.fits(proven, attemptWasUp: true))
  }
}
