import Foundation
import Migrations
import SeededRandom
import TestSupport
import Testing

/// rbshell's statement split against PostgreSQL's own parser (libpg_query via pglast): every
/// up and down file of Sourcegraph's stitched graph, the same files with their line ends and
/// separators rewritten, and generated files built from tricky but valid statements. Where the
/// parser accepts a text, rbshell must find exactly its statements; where the scanner rejects
/// it (an open quote or comment), rbshell must refuse it (`unsafe-sql`), and only then.
@Suite(.enabled(if: TestEnvironment.requiresDatabase || ParserOracle.isAvailable, "needs python3 with pglast (scripts/test installs it)"))
struct ServerSplitDifferentialTests {
  @Test(.enabled(if: Corpus.testsEnabled, "needs the stitched graph in ../shared"))
  func everyCorpusFileSplitsAsTheServerParsesIt() throws {
    let stitched = try StitchedGraph.decode(try Corpus.requiredStitchedGraph(), location: "stitched")
    let files = stitched.schemas.values.flatMap(\.definitions).flatMap { [$0.upQuery, $0.downQuery] }
    #expect(files.count == 1562)
    let mismatches = try Self.compare(files)
    #expect(mismatches.isEmpty, "\(mismatches.count) of \(files.count) files differ; first: \(mismatches.first ?? "")")
  }

  @Test func rewrittenCorpusFilesSplitAsTheServerParsesThem() throws {
    let stitched = try StitchedGraph.decode(try Corpus.requiredStitchedGraph(), location: "stitched")
    let files = stitched.schemas.values.flatMap(\.definitions).map(\.upQuery).filter { !$0.isEmpty }
    let rewrites: [(String) -> String] = [
      { $0.replacing("\n", with: "\r\n") },
      { $0.replacing("\n", with: "\r") },  // `--` comments end at a lone \r too
      { $0.replacing(";\n", with: "; /* ; /* nested ; */ */ -- ;\n") },
      { $0.replacing(";", with: " \t;;") },
    ]
    let texts = files.prefix(300).flatMap { file in rewrites.map { $0(file) } }
    let mismatches = try Self.compare(texts)
    #expect(mismatches.isEmpty, "\(mismatches.count) of \(texts.count) texts differ; first: \(mismatches.first ?? "")")
  }

  @Test func generatedFilesSplitAsTheServerParsesThem() throws {
    var rng = SplitMix64(seed: 11)
    let texts = (0..<3000).map { _ in GeneratedSQL.file(using: &rng) }
    let mismatches = try Self.compare(texts)
    #expect(mismatches.isEmpty, "\(mismatches.count) of \(texts.count) texts differ; first: \(mismatches.first ?? "")")
  }

  /// Texts rbshell reads differently from the parser, each described; texts the parser rejects
  /// for their syntax are the server's to refuse and are not compared.
  static func compare(_ texts: [String]) throws -> [String] {
    let verdicts = try ParserOracle.split(texts)
    var mismatches: [String] = []
    for (text, verdict) in zip(texts, verdicts) {
      let (statements, open) = SQLSplitter.scan(text)
      if (verdict.scanError != nil) != (open != nil) {
        mismatches.append("scanner: \(verdict.scanError ?? "accepted"), rbshell: \(open.map { "open \($0.what)" } ?? "accepted") in \(text.debugDescription)")
      } else if let expected = verdict.statements, expected != statements.map(\.text) {
        mismatches.append("parser: \(expected), rbshell: \(statements.map(\.text)) in \(text.debugDescription)")
      }
    }
    return mismatches
  }
}

/// Files made of statements that are valid but hard to split: every kind of quote and comment,
/// `BEGIN ATOMIC` bodies, `;` inside parentheses, odd separators; some end inside an open quote.
enum GeneratedSQL {
  static let statements = [
    "SELECT 'a;b', 'it''s;'", #"SELECT E'it\'s;', e'\\'"#, "SELECT $$;$$", "SELECT $t$ $x$ ; $$ $t$",
    #"SELECT "we;ird""x" FROM t"#, #"SELECT U&'\0041;', U&"a;b""#, "SELECT B'01', X'1F', N'x;y'",
    "SELECT 1 -- c;\r", "SELECT /* ; /* ; */ */ 2", "SELECT a$b$, c$ FROM t", "SELECT 1$q$;$q$",
    "SELECT 1.5e3, .5, 10", "SELECT 'a'\n'b;'", "SELECT ARRAY[1,2]::int[]",
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 1 ELSE 2 END; END",
    "CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END",
    "create or replace function g(a int) returns int language sql begin atomic; select a; end",
    "CREATE FUNCTION h() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$",
    "DO $do$ BEGIN PERFORM 1; END $do$", "CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2)",
    "BEGIN", "COMMIT", "END", "ROLLBACK TO SAVEPOINT s",
    "CREATE TABLE t (id int, \"x;y\" text DEFAULT ';', z text DEFAULT $d$;$d$)",
    "SELECT 'ü;', \"ñ;\" FROM straße", "SELECT $1", "CREATE INDEX CONCURRENTLY i ON t (id)",
  ]
  static let separators = [";", ";\n", " ;  -- note;\n", ";/* c; */", ";;", "\r\n;\r\n", "\n;", "; -- end\r"]
  static let openEndings = ["SELECT 'open;", "SELECT $q$ open;", "/* open; ", "SELECT \"open;", "SELECT E'a\\';"]

  static func file<R: RandomNumberGenerator>(using rng: inout R) -> String {
    let count = Int.random(in: 1...6, using: &rng)
    var text = Bool.random(using: &rng) ? "-- leading; comment\n" : ""
    for _ in 0..<count {
      text += statements.randomElement(using: &rng)! + separators.randomElement(using: &rng)!
    }
    if Int.random(in: 0..<8, using: &rng) == 0 { text += openEndings.randomElement(using: &rng)! }
    if Bool.random(using: &rng) { text.removeLast() }  // a last statement without its `;`
    return text
  }
}
