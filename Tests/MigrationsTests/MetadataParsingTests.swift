import Testing

@testable import Migrations

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
    // Found by rbshell-fuzz: each was read by the fast path where Yams rejects it or reads otherwise.
    "other: ][1, 2]\n", "other: [unclosed\n", "name:: \n", "name: a:\n", "name: a\nname: b\n", "# c\u{0E}\n",
    "parents:\n    - 1\n  - 2\n", "parents:\n\t- 1\n", "parents: [010]\n", "parent: 0x1F\n", "name: x\n\t\n",
    "name: a\rparents: [1]\n", "parents: [,1, 2]\n", "parents: [1,, 2]\n",
    "name: null\n", "name: ~\n",
  ])
  func unusualFilesGoToYams(yaml: String) {
    #expect(SimpleMetadata.parse(yaml) == nil)
  }

  /// yaml.v2 reads an empty or null document as all defaults; a key that is a collection is an
  /// unknown key, never a trap (`Yams.load` traps on it, so rbshell composes instead).
  @Test func nullDocumentsAreDefaultsAndOddKeysAreErrors() throws {
    for yaml in ["~\n", "null\n", "# only a comment\n", "", "---\n...\n"] {
      #expect(try MetadataFile.parse(yaml) == MetadataFile(), "\(yaml.debugDescription)")
    }
    for yaml in ["? [a]\n: b\n", "[1, 2]: x\n", "{a: 1}: x\n"] {
      #expect(try MetadataFile.parse(yaml) == MetadataFile(), "\(yaml.debugDescription)")
    }
  }
}
