import Foundation

/// Sourcegraph's real migration data in ../shared, read in place; tests using it skip without it.
public enum Corpus {
  public static let stitchedGraphURL = PackagePaths.root.appending(path: "../shared/corpus/sourcegraph/stitched-migration-graph.json")
    .standardizedFileURL

  public static let stitchedGraph: Data? = try? Data(contentsOf: stitchedGraphURL)
}
