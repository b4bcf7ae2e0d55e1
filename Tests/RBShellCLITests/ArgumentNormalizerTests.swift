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
