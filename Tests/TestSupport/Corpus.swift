import Foundation

/// Sourcegraph's real migration data in ../shared, read in place.
public enum Corpus {
  public static let stitchedGraphURL = PackagePaths.root.appending(path: "../shared/corpus/sourcegraph/stitched-migration-graph.json")
    .standardizedFileURL

  public static let stitchedGraph: Data? = try? Data(contentsOf: stitchedGraphURL)

  /// Whether tests on the corpus run: always under `RBSHELL_REQUIRE_DB=1` (scripts/test, CI),
  /// where a missing corpus fails them instead of skipping; otherwise only when it is there.
  public static var testsEnabled: Bool { stitchedGraph != nil || TestEnvironment.requiresDatabase }

  /// The stitched graph's bytes, or an error saying where it was looked for.
  public static func requiredStitchedGraph() throws -> Data {
    guard let stitchedGraph else { throw Missing() }
    return stitchedGraph
  }

  public struct Missing: Error, CustomStringConvertible {
    public var description: String {
      "\(stitchedGraphURL.path) is missing: these tests read Sourcegraph's real migrations there "
        + "(under RBSHELL_REQUIRE_DB=1, as scripts/test and CI run, its absence is a failure, not a skip)"
    }
  }
}
