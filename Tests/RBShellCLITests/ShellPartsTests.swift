@testable import RBShellCLI
import Testing

@Suite struct ShellPartsTests {
  @Test func wordsSplitLikeAShellButKeepBackslashCommands() throws {
    #expect(try ShellWords.split(#"\set FORMAT json"#) == [#"\set"#, "FORMAT", "json"])
    #expect(try ShellWords.split(#"connect 'host=a b' "x y" z\ w"#) == ["connect", "host=a b", "x y", "z w"])
    #expect(throws: ShellWords.Failure.unterminatedQuote("'")) { try ShellWords.split("connect 'oops") }
  }

  @Test func sqlCollectsUntilASemicolonEndsIt() {
    var buffer = SQLBuffer()
    buffer.append("select 'a;")
    #expect(!buffer.isComplete)
    buffer.append("b' as x")
    #expect(!buffer.isComplete)
    buffer.append("  ;")
    #expect(buffer.isComplete)
    #expect(buffer.take() == "select 'a;\nb' as x\n  ;")
    #expect(buffer.isEmpty)
  }

  @Test func sqlLinesAndShowAreToldApart() {
    #expect(SQLLine.isSQL("select 1"))
    #expect(SQLLine.isSQL("SHOW search_path"))
    #expect(!SQLLine.isSQL("show 1700001100"))
    #expect(!SQLLine.isSQL("status"))
    #expect(!SQLLine.isSQL("rollback --to v5.2.0 --dry-run"))
    #expect(SQLLine.isSQL("rollback;"))
    #expect(SQLLine.isSQL("ROLLBACK TO SAVEPOINT a"))
    #expect(SQLLine.isSQL(#"\sql vacuum"#))
    #expect(SQLLine.isReadOnly("WITH x AS (SELECT 1) SELECT * FROM x"))
    #expect(!SQLLine.isReadOnly("update t set a = 1"))
  }

  @Test func settingsAreStrict() throws {
    var settings = ShellSettings(onErrorStop: true)
    try settings.set("on_error_stop", to: "off")
    try settings.set("FORMAT", to: "JSON")
    #expect(!settings.onErrorStop && settings.format == .json)
    #expect(throws: SettingError.invalid("VERBOSE", "maybe", "on or off")) { try settings.set("VERBOSE", to: "maybe") }
    #expect(throws: SettingError.unknown("COLOR")) { try settings.set("COLOR", to: "on") }
  }

  @Test func completionOffersCommandsSchemasAndFlags() {
    let completer = ShellCompleter { nil }
    #expect(completer.complete(word: "diag", before: "") == ["diagnose"])
    #expect(completer.complete(word: "mark-", before: "repair ") == ["mark-applied", "mark-reverted"])
    #expect(completer.complete(word: "clear", before: "repair ") == ["clear-dirty"])
    #expect(completer.complete(word: "undo-", before: "repair ") == ["undo-last"])
    #expect(completer.complete(word: "code", before: "use ") == ["codeinsights", "codeintel"])
    #expect(completer.complete(word: "--dry", before: "downto ") == ["--dry-run"])
  }

  @Test func argumentsWithoutACommandGoToTheShell() {
    #expect(RBShell.routed([]) == ["shell"])
    #expect(RBShell.routed(["-c", "status"]) == ["shell", "-c", "status"])
    #expect(RBShell.routed(["status", "--json"]) == ["status", "--json"])
  }
}
