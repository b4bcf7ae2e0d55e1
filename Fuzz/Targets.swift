import Foundation
import Migrations
import RBShellCore
import Yams

/// What each input is checked against. A target returns nil when every property holds, or
/// the first one that does not; a crash or a hang is caught by the process and its watchdog.
enum Targets {
  // MARK: SQL

  /// Lexer, splitter (both string rules), load-time checks, transaction control, the migrator's
  /// index regexes, the statement parser and the data-loss scan, on one file.
  static func sql(_ bytes: [UInt8]) -> String? {
    if let text = try? FileEncodingError.decode(bytes, path: "fuzz") {
      _ = SQLFileCheck.problems(in: text, file: "fuzz")
    }
    let text = String(decoding: bytes, as: UTF8.self)
    if let broken = lexerCoversTheText(text) { return broken }
    for rule in [SQLLexer.StringRule.standardConforming, .backslashEscapes] {
      let (statements, open) = SQLSplitter.scan(text, strings: rule)
      if let broken = statementsAreSlicesInOrder(statements, of: Array(text.utf8)) { return broken }
      if open == nil, let broken = splittingAgainGivesTheSame(statements, rule: rule) { return broken }
    }
    _ = TransactionControl.endings(in: text)
    _ = QueryText.concurrentIndex(in: text)
    _ = QueryText.withoutConcurrentIndexCreation(text)
    for statement in SQLSplitter.split(text).prefix(200) { _ = StatementParser.parse(statement.text) }
    let definition = Definition(id: 1, name: "fuzz", upQuery: text, downQuery: text)
    _ = DataLossScanner.targets(in: [WritePlan(schema: .frontend, operation: "fuzz", steps: [PlanStep(definition: definition, up: false)])])
    return nil
  }

  /// Tokens follow one another without gap or overlap from the first byte to the last.
  static func lexerCoversTheText(_ text: String) -> String? {
    var lexer = SQLLexer(text)
    var end = 0
    while let token = lexer.next() {
      guard token.range.lowerBound == end, token.range.upperBound > end else {
        return "lexer: token \(token.kind) at \(token.range) after byte \(end)"
      }
      end = token.range.upperBound
    }
    return end == text.utf8.count ? nil : "lexer: stopped at byte \(end) of \(text.utf8.count)"
  }

  /// Each statement is the file's own bytes at its offset, trimmed, in order.
  static func statementsAreSlicesInOrder(_ statements: [SQLStatement], of bytes: [UInt8]) -> String? {
    var previousEnd = 0
    var previousLine = 1
    for statement in statements {
      let utf8 = Array(statement.text.utf8)
      guard statement.offset >= previousEnd, statement.offset + utf8.count <= bytes.count else {
        return "splitter: statement at \(statement.offset) overlaps or overruns (previous end \(previousEnd))"
      }
      guard !utf8.isEmpty, bytes[statement.offset..<statement.offset + utf8.count].elementsEqual(utf8) else {
        return "splitter: statement at \(statement.offset) is not the file's text there"
      }
      guard !SQLLexer.isSpace(utf8[0]), !SQLLexer.isSpace(utf8[utf8.count - 1]) else {
        return "splitter: statement at \(statement.offset) has white space around it"
      }
      guard statement.line >= previousLine, statement.column >= 1 else {
        return "splitter: statement at \(statement.offset) has line \(statement.line) after \(previousLine)"
      }
      previousEnd = statement.offset + utf8.count
      previousLine = statement.line
    }
    return nil
  }

  /// Statements joined again, each ended by a `;` line (the last as it was: it may hold an open
  /// parenthesis), split into the same statements.
  static func splittingAgainGivesTheSame(_ statements: [SQLStatement], rule: SQLLexer.StringRule) -> String? {
    let joined = statements.dropLast().map { $0.text + "\n;\n" }.joined() + (statements.last?.text ?? "")
    let again = SQLSplitter.split(joined, strings: rule).map(\.text)
    return again == statements.map(\.text) ? nil : "splitter: joining \(statements.count) statements and splitting again gave \(again.count)"
  }

  // MARK: metadata.yaml

  /// What rbshell's loader reads from a metadata file (fast path or Yams) equals what Yams alone reads.
  static func metadata(_ bytes: [UInt8]) -> String? {
    var tree = MemoryFileTree()
    tree.write("frontend/1_fuzz/up.sql", "SELECT 1;")
    tree.write("frontend/1_fuzz/down.sql", "SELECT 1;")
    tree.write("frontend/1_fuzz/metadata.yaml", bytes: bytes)
    let loaded: (definitions: [Definition], problems: [DefinitionProblem])
    do {
      loaded = try DirectoryLayoutReader(tree: tree, displayPath: "migrations/frontend").read("frontend")
    } catch {
      return "metadata: the loader threw \(error) instead of reporting a problem"
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      return loaded.definitions.isEmpty ? nil : "metadata: invalid UTF-8 was loaded"
    }
    let expected: YamsMetadata
    do {
      // yaml.v2, the migrator's parser, reads an empty or null document as all defaults.
      let node = try Yams.compose(yaml: text)
      expected = node == nil || node?.null != nil ? YamsMetadata() : try YAMLDecoder().decode(YamsMetadata.self, from: text)
    } catch {
      return loaded.definitions.isEmpty ? nil : "metadata: Yams rejects \(text.debugDescription), rbshell loaded it"
    }
    guard let definition = loaded.definitions.first else {
      return "metadata: Yams reads \(text.debugDescription), rbshell refused it: \(loaded.problems.map(\.message))"
    }
    let same =
      definition.name == expected.name ?? "" && definition.parents == expected.allParents
      && definition.privileged == expected.privileged ?? false && definition.nonIdempotent == expected.nonIdempotent ?? false
      && loaded.problems.contains { $0.code == .concurrentExpected } == (expected.createIndexConcurrently ?? false)
    return same ? nil : "metadata: rbshell read \(definition) from \(text.debugDescription), Yams \(expected)"
  }

  /// The migrator's reading of the file (yaml.v2 into its struct), written against Yams alone.
  struct YamsMetadata: Decodable {
    var name: String?
    var parent: Int?
    var parents: [Int]?
    var createIndexConcurrently: Bool?
    var privileged: Bool?
    var nonIdempotent: Bool?

    var allParents: [Int] { ((parents ?? []) + (parent.map { $0 == 0 ? [] : [$0] } ?? [])).sorted() }
  }

  // MARK: stitched graph

  /// A stitched graph decodes or is refused with a sentence; every graph it yields can be asked
  /// for each schema and release without trapping.
  static func stitched(_ bytes: [UInt8]) -> String? {
    let graph: StitchedGraph
    do {
      graph = try StitchedGraph.decode(Data(bytes), location: "fuzz.json")
    } catch {
      return error.problems.allSatisfy { !$0.message.isEmpty } ? nil : "stitched: a problem without a message"
    }
    for schema in Schema.allCases {
      for version in [nil] + graph.versions(of: schema) {
        _ = try? graph.graph(of: schema, version: version)
      }
    }
    return nil
  }
}
