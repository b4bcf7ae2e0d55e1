import ArgumentParser
import RBShellCLI
import Testing

@Suite struct ArgumentNormalizerTests {
  @Test func acceptsTheMigratorsSingleDashSpellings() {
    let runbook = ["downto", "-db=codeintel", "-target=1000000030", "-json"]
    #expect(ArgumentNormalizer.normalize(runbook) == ["downto", "--db=codeintel", "--target=1000000030", "--json"])
    #expect(ArgumentNormalizer.normalize(["status", "-db", "frontend"]) == ["status", "--db", "frontend"])
  }

  @Test func leavesShortFlagsUnknownNamesAndPassthroughAlone() {
    #expect(ArgumentNormalizer.normalize(["-d", "dbname=x", "--db=all"]) == ["-d", "dbname=x", "--db=all"])
    #expect(ArgumentNormalizer.normalize(["-bogus=1"]) == ["-bogus=1"])
    #expect(ArgumentNormalizer.normalize(["--", "-db=x"]) == ["--", "-db=x"])
  }
}

@Suite struct CommandNameTests {
  /// A command without its own name gets one from `String(describing:)` of its type, a runtime
  /// type lookup that was a tenth of start-up: every command spells its name out.
  @Test func everyCommandNamesItself() {
    func unnamed(_ command: any ParsableCommand.Type) -> [String] {
      let configuration = command.configuration
      let own = configuration.commandName == nil ? ["\(command)"] : []
      return own + configuration.subcommands.flatMap(unnamed)
    }
    #expect(unnamed(RBShell.self) == [])
  }
}
