import Migrations
import SeededRandom
import Testing

@Suite struct SQLSplitterTests {
  func texts(_ sql: String) -> [String] { SQLSplitter.split(sql).map(\.text) }

  @Test func splitsOnSemicolonsAndKeepsPositions() {
    let statements = SQLSplitter.split("CREATE TABLE a (id int);\n\n  ALTER TABLE a ADD b int ;\nSELECT 1")
    #expect(statements.map(\.text) == ["CREATE TABLE a (id int)", "ALTER TABLE a ADD b int", "SELECT 1"])
    #expect(statements.map(\.line) == [1, 3, 4])
    #expect(statements.map(\.column) == [1, 3, 1])
  }

  @Test func terminatedMeansPsqlWouldSendIt() {
    #expect(SQLSplitter.isTerminated("select 1;"))
    #expect(SQLSplitter.isTerminated("select 1;\n  -- done"))
    #expect(SQLSplitter.isTerminated("select 1; select 2;"))
    #expect(!SQLSplitter.isTerminated("select 1"))
    #expect(!SQLSplitter.isTerminated("select 1; select"))
    #expect(!SQLSplitter.isTerminated("select ';"))
    #expect(!SQLSplitter.isTerminated("select $f$ a; b;"))
    #expect(SQLSplitter.isTerminated("select $f$ a; b; $f$;"))
    #expect(!SQLSplitter.isTerminated("select (1;"))
    #expect(!SQLSplitter.isTerminated("select 1; /* open; "))
    #expect(!SQLSplitter.isTerminated(""))
    #expect(!SQLSplitter.isTerminated(";"))
  }

  @Test func semicolonsInsideQuotesDoNotSplit() {
    #expect(texts("SELECT 'a;b', 'it''s;'; SELECT 2") == ["SELECT 'a;b', 'it''s;'", "SELECT 2"])
    #expect(texts(#"SELECT E'a\';b'; SELECT 2"#) == [#"SELECT E'a\';b'"#, "SELECT 2"])
    #expect(texts(#"SELECT e'\\'; SELECT 3"#) == [#"SELECT e'\\'"#, "SELECT 3"])
    #expect(texts(#"SELECT 'a\'; SELECT 4"#) == [#"SELECT 'a\'"#, "SELECT 4"])
    #expect(texts(#"CREATE TABLE "we;ird""x" (id int); SELECT 5"#) == [#"CREATE TABLE "we;ird""x" (id int)"#, "SELECT 5"])
  }

  @Test func dollarQuotesWithAndWithoutTags() {
    let function = """
      CREATE FUNCTION f() RETURNS trigger AS $$
      BEGIN NEW.x := 1; RETURN NEW; END;
      $$ LANGUAGE plpgsql;
      CREATE FUNCTION g() RETURNS text AS $body$ SELECT '$$;' $body$ LANGUAGE sql;
      SELECT $1::int;
      """
    let statements = SQLSplitter.split(function)
    #expect(statements.count == 3)
    #expect(statements[0].text.hasSuffix("$$ LANGUAGE plpgsql"))
    #expect(statements[1].text == "CREATE FUNCTION g() RETURNS text AS $body$ SELECT '$$;' $body$ LANGUAGE sql")
    #expect(statements[2].line == 5)
  }

  @Test func commentsAreSkippedIncludingNestedBlocks() {
    let sql = """
      -- leading comment; with a semicolon
      /* block ; /* nested ; */ still comment ; */
      CREATE TABLE t (id int); -- trailing; comment
      /* only a comment; */
      """
    let statements = SQLSplitter.split(sql)
    #expect(statements.map(\.text) == ["CREATE TABLE t (id int)"])
    #expect(statements[0].line == 3)
  }

  @Test func parenthesesHoldSemicolonsLikePsql() {
    #expect(
      texts("CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2); SELECT 3") == [
        "CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2)", "SELECT 3",
      ])
  }

  @Test func emptyStatementsVanish() {
    #expect(texts(";;  ;\n-- nothing\n;") == [])
    #expect(texts("") == [])
  }

  @Test func unterminatedConstructsRunToTheEnd() {
    #expect(texts("SELECT 'abc; SELECT 2") == ["SELECT 'abc; SELECT 2"])
    #expect(texts("SELECT $x$ never closed; x") == ["SELECT $x$ never closed; x"])
    #expect(texts("SELECT 1 /* open comment; more") == ["SELECT 1 /* open comment; more"])
  }

  @Test func columnsCountCharactersNotBytes() {
    let statements = SQLSplitter.split("SELECT 'ü'; SELECT 2")
    #expect(statements[1].column == 13)
  }
}

/// Rules of PostgreSQL's scanner the old hand-made splitters got wrong (issue 11).
@Suite struct SQLLexerRulesTests {
  func texts(_ sql: String, _ strings: SQLLexer.StringRule = .standardConforming) -> [String] {
    SQLSplitter.split(sql, strings: strings).map(\.text)
  }

  @Test func beginAtomicBodiesHoldTheirSemicolons() {
    let sql = """
      CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;
      CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END;
      SELECT 3;
      """
    #expect(texts(sql).count == 3)
    #expect(texts(sql)[0].hasSuffix("END; END"))
    // Not a routine: BEGIN is the transaction statement and ends at its `;`.
    #expect(texts("BEGIN; SELECT 1; END;") == ["BEGIN", "SELECT 1", "END"])
    // Inside parentheses BEGIN counts for nothing (psql's rule).
    #expect(texts("CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql RETURN 1; SELECT 2;").count == 2)
  }

  @Test func dollarSignsInsideIdentifiersAndAfterNumbers() {
    #expect(texts("SELECT a$b$ FROM t; SELECT 2") == ["SELECT a$b$ FROM t", "SELECT 2"])
    // After a number, `$a$` opens a dollar quote (the number ends before `$`).
    #expect(texts("SELECT 1$a$;$a$; SELECT 2") == ["SELECT 1$a$;$a$", "SELECT 2"])
    #expect(texts("SELECT $1; SELECT $a") == ["SELECT $1", "SELECT $a"])
  }

  @Test func stringPrefixesCountOnlyAtTheStartOfAToken() {
    #expect(texts(#"SELECT U&'\0041;'; SELECT 2"#) == [#"SELECT U&'\0041;'"#, "SELECT 2"])
    #expect(texts(#"SELECT U&"a;b"; SELECT 2"#) == [#"SELECT U&"a;b""#, "SELECT 2"])
    #expect(texts("SELECT B'01', X'AF', N'x;y'; SELECT 2").count == 2)
    // `abcE'…'`: the E belongs to the identifier, so the string is a plain one (no escapes).
    #expect(texts(#"SELECT abcE'\'; SELECT 2"#) == [#"SELECT abcE'\'"#, "SELECT 2"])
  }

  @Test func backslashesFollowStandardConformingStrings() {
    let sql = #"SELECT 'a\'; SELECT 2'; SELECT 3"#
    #expect(texts(sql) == [#"SELECT 'a\'"#, "SELECT 2'; SELECT 3"])
    #expect(texts(sql, .backslashEscapes) == [#"SELECT 'a\'; SELECT 2'"#, "SELECT 3"])
  }

  @Test func lineCommentsEndAtACarriageReturn() {
    #expect(texts("SELECT 1; -- note\rSELECT 2;") == ["SELECT 1", "SELECT 2"])
  }

  @Test func tokensKeepPositionsAndFoldWordsAsTheServerDoes() {
    var lexer = SQLLexer("SELECT Ünïcode, \"Quoted\"\"x\", 'it''s'\n  FROM T")
    var seen: [(SQLLexer.Kind, String, Int, Int)] = []
    while let token = lexer.next() {
      guard !token.isTrivia else { continue }
      seen.append((token.kind, token.kind == .word ? lexer.foldedWord(token) : lexer.value(of: token), token.line, token.column))
    }
    #expect(seen.map(\.1) == ["select", "Ünïcode", ",", "Quoted\"x", ",", "it's", "from", "t"])
    #expect(seen.map(\.0) == [.word, .word, .symbol, .quotedIdentifier, .symbol, .string, .word, .word])
    #expect(seen.last.map { [$0.2, $0.3] } == [2, 8])
  }
}

/// Statements that end the migrator's transaction.
@Suite struct TransactionControlTests {
  @Test func findsTheStatementsThatEndATransaction() {
    let sql = "BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nSAVEPOINT s;\nROLLBACK TO SAVEPOINT s;\nrollback and chain;\nINSERT INTO a VALUES (1);\nend;"
    let endings = TransactionControl.endings(in: sql)
    #expect(endings.map(\.statement) == ["COMMIT", "ROLLBACK AND CHAIN", "END"])
    #expect(endings.map(\.line) == [3, 6, 8])
    #expect(endings.map(\.statementsAfter) == [5, 2, 0])
    #expect(TransactionControl.endings(in: "SELECT 'commit;'; -- end;\nCREATE TABLE legend (x int);").isEmpty)
    #expect(TransactionControl.endings(in: "COMMIT PREPARED 'x'; PREPARE TRANSACTION 'y'").map(\.statement) == ["PREPARE TRANSACTION"])
  }
}

/// Random and adversarial input: the splitter must return, never trap, and lose no text.
@Suite struct SQLSplitterFuzzTests {
  static let pieces = ["'", "''", "\"", "$", "$$", "$a$", "$1", "E'", "\\", "--", "\n", "/*", "*/", ";", "(", ")", " ", "x", "ü", "SELECT"]

  @Test(arguments: 0..<200)
  func randomTokenSoupNeverTraps(seed: Int) {
    var rng = SplitMix64(seed: UInt64(seed))
    let text = (0..<Int.random(in: 0...400, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
    let statements = SQLSplitter.split(text)
    for statement in statements {
      #expect(!statement.text.isEmpty)
      #expect(statement.line >= 1 && statement.column >= 1)
      #expect(text.utf8.count >= statement.offset + statement.text.utf8.count)
    }
  }

  @Test func invalidUTF8AndHugeInputs() {
    let invalid = String(decoding: [0x53, 0x45, 0xFF, 0xFE, 0x3B, 0xC3, 0x28, 0x3B, 0x27, 0xE2, 0x82], as: UTF8.self)
    _ = SQLSplitter.split(invalid)
    let huge = String(repeating: "INSERT INTO t VALUES ('a;b', $$c;d$$); -- x;\n", count: 50_000)
    #expect(SQLSplitter.split(huge).count == 50_000)
    let deep = String(repeating: "(", count: 100_000) + ";" + String(repeating: "/*", count: 100_000)
    #expect(SQLSplitter.split(deep).count == 1)
  }
}
