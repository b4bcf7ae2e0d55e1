import Testing

@testable import RBShellCLI

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
    #expect(completer.complete(word: "undo-", before: "repair ") == ["undo-last", "undo-leftovers"])
    #expect(completer.complete(word: "reso", before: "repair ") == ["resolve"])
    #expect(completer.complete(word: "code", before: "use ") == ["codeinsights", "codeintel"])
    #expect(completer.complete(word: "--dry", before: "downto ") == ["--dry-run"])
  }

  /// Each command offers its own flags (from its parser), `repair` its repairs, `--db` the
  /// schemas (and `all` where the command takes it); a pasted `rbshell` is skipped.
  @Test func completionIsPerCommand() {
    let completer = ShellCompleter { nil }
    #expect(completer.complete(word: "--dr", before: "diagnose ") == [])
    #expect(completer.complete(word: "--code", before: "diagnose ") == ["--codeinsights-dsn", "--codeintel-dsn"])
    #expect(completer.complete(word: "", before: "repair ").contains("drop-invalid-index"))
    #expect(!completer.complete(word: "", before: "repair ").contains("diagnose"))
    #expect(completer.complete(word: "--ret", before: "repair drop-invalid-index ") == ["--retry"])
    #expect(completer.complete(word: "--ret", before: "repair retry ") == [])
    #expect(completer.complete(word: "--rel", before: "repair retry ") == ["--release"])
    #expect(completer.complete(word: "", before: "status --db ") == ["all", "codeinsights", "codeintel", "frontend"])
    #expect(completer.complete(word: "", before: "downto --db ") == ["codeinsights", "codeintel", "frontend"])
    #expect(completer.complete(word: "--verb", before: "rbshell diagnose ") == ["--verbose"])
    #expect(completer.complete(word: "--json", before: "status --db frontend ") == ["--json"])
  }

  @Test func argumentsWithoutACommandGoToTheShell() throws {
    #expect(try RBShell.routed([]) == ["shell"])
    #expect(try RBShell.routed(["-c", "status"]) == ["shell", "-c", "status"])
    #expect(try RBShell.routed(["status", "--json"]) == ["status", "--json"])
  }

  /// `rbshell frobnicate` is rbshell's usage error, not the shell's.
  @Test func aWordThatNamesNoCommandIsAnError() {
    do {
      _ = try RBShell.routed(["frobnicate"])
      Issue.record("routed")
    } catch {
      let message = RBShell.fullMessage(for: error)
      #expect(message.contains("unknown command 'frobnicate'"))
      #expect(!message.contains("rbshell shell"))
      #expect(RBShell.exitCode(for: error).rawValue == 64)
    }
  }
}
