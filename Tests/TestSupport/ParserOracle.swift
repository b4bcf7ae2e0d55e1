import Foundation

/// PostgreSQL's own parser (libpg_query through PyPI's pglast, `scripts/lib/pg-split-oracle.py`)
/// as the judge of where statements begin and end. `scripts/test` installs pglast.
public enum ParserOracle {
  public struct Verdict: Decodable, Sendable {
    /// The statements as the server's parser delimits them, trailing white space removed.
    public var statements: [String]?
    /// The parser rejected the text (a syntax error).
    public var error: String?
    /// The scanner rejected it (an unterminated quote or comment).
    public var scanError: String?
  }

  static let script = PackagePaths.root.appending(path: "scripts/lib/pg-split-oracle.py")

  /// Whether python3 with pglast is here; under `RBSHELL_REQUIRE_DB=1` tests run regardless and fail without it.
  public static let isAvailable: Bool = (try? run(["-c", "import pglast"], input: Data())).map { $0.status == 0 } ?? false

  /// The parser's reading of each text, in one process for all of them.
  public static func split(_ texts: [String]) throws -> [Verdict] {
    let result = try run([script.path], input: try JSONEncoder().encode(texts))
    guard result.status == 0 else {
      throw OracleFailure(message: "pg-split-oracle.py exited \(result.status) (is pglast installed? scripts/test installs it)")
    }
    return try JSONDecoder().decode([Verdict].self, from: result.output)
  }

  public struct OracleFailure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  private static func run(_ arguments: [String], input: Data) throws -> (status: Int32, output: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Write on another thread: a large input would fill the pipe while the output fills the other.
    let writer = Thread {
      stdin.fileHandleForWriting.write(input)
      try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, output)
  }
}
