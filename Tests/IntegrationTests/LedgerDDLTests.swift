import Foundation
import TestSupport
import Testing

@testable import RBShellPostgres

/// The ledger DDL lives twice on purpose: compiled into rbshell for `add-log` on a database
/// without a ledger, and in sql/ledger for fixtures and benchmarks. They must not drift apart.
@Suite struct LedgerDDLTests {
  @Test func compiledDDLMatchesTheSQLFile() throws {
    let file = try String(contentsOf: PackagePaths.root.appending(path: "sql/ledger/migration_logs.sql"), encoding: .utf8)
    let statements = file.split(separator: "\n").filter { !$0.hasPrefix("--") && !$0.isEmpty }
    #expect(statements == LedgerWriter.createTable.split(separator: "\n"))
    #expect(statements.count == 10)
  }
}
