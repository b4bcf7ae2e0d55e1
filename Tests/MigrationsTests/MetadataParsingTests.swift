@testable import Migrations
import Testing

/// The fast metadata path must agree with Yams on every file it accepts, and hand the rest over.
@Suite struct MetadataParsingTests {
  @Test(arguments: [
    "name: add repo stars\nparents: [1, 2]\n",
    "name: 'quoted name'\nparents:\n  - 10\n  - 5\ncreateIndexConcurrently: true\n",
    "name: \"double quoted\"\nparent: 7\nprivileged: yes\nnonIdempotent: false\n",
    "# a comment\nname: x # trailing comment\nparents: []\nfavouriteColour: blue\n",
    "name: squashed migrations (unprivileged)\nparents: [1648051770]\nprivileged: false\nnonIdempotent: true\n",
  ])
  func fastPathAgreesWithYams(yaml: String) throws {
    let fast = try #require(SimpleMetadata.parse(yaml))
    #expect(fast == (try MetadataFile.parseWithYams(yaml)))
  }

  /// Whatever the fast path accepts, it reads as Yams does (`#` starts a comment only after
  /// white space, never inside quotes).
  @Test(arguments: [
    "name: a#b\n", "name: a #b\n", "name: \"a #b\"\n", "name: 'x#y' # note\n", "parents: [1, 2]#x\n", "name: #\n",
    "name: a\t#b\n", "privileged: true#x\n",
  ])
  func whateverTheFastPathAcceptsYamsReadsTheSame(yaml: String) throws {
    guard let fast = SimpleMetadata.parse(yaml) else { return }
    #expect(fast == (try MetadataFile.parseWithYams(yaml)), "\(yaml)")
  }

  @Test(arguments: [
    "name: |\n  multi\n  line\n",
    "name: &anchor x\n",
    "nested:\n  key: value\n",
    "name: 'it''s'\n",
    "parents: [1, two]\n",
  ])
  func unusualFilesGoToYams(yaml: String) {
    #expect(SimpleMetadata.parse(yaml) == nil)
  }
}
