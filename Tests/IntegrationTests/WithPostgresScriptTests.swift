import Foundation
import TestSupport
import Testing

/// `scripts/with-postgres` (also what `rbshell demo` starts): a port that looks free but is taken
/// by the time the server binds it (another run started in the same second) is skipped, not fatal.
@Suite(.enabled(if: TestEnvironment.databaseTestsEnabled, "needs PostgreSQL: run scripts/test"))
struct WithPostgresScriptTests {
  @Test func aPortTakenAsTheServerStartsIsSkipped() throws {
    // A socket bound but not listening: the script's probe finds nothing there, the bind fails.
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    holder.arguments = [
      "python3", "-c",
      """
      import socket, sys, time
      s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1], flush=True); time.sleep(60)
      """,
    ]
    let out = Pipe()
    holder.standardOutput = out
    try holder.run()
    defer { holder.terminate() }
    let port = try #require(
      String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty)

    let script = Process()
    script.executableURL = PackagePaths.root.appending(path: "scripts/with-postgres")
    script.arguments = ["bash", "-c", "psql -Atc 'select 1'"]
    script.environment = ProcessInfo.processInfo.environment.merging(["RBSHELL_PG_PORT": port]) { _, new in new }
    let stdout = Pipe()
    let stderr = Pipe()
    script.standardOutput = stdout
    script.standardError = stderr
    try script.run()
    let printed = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let said = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    script.waitUntilExit()
    #expect(script.terminationStatus == 0, "\(said)")
    #expect(printed == "1\n")
    #expect(said.contains("port \(port) was taken as the server started"), "\(said)")
  }
}

extension String {
  fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
