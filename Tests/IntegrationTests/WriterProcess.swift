import Foundation
import TestSupport
import Testing

/// rbshell run as a background process, for tests that act while it works (a second writer,
/// signals): its output is collected as it comes, so a test can wait for a line.
final class WriterProcess {
  let process = Process()
  let audit: URL
  private let output = OutputCollector()

  /// - Parameter launcher: a program and its arguments that exec rbshell (its path and
  ///   `arguments` follow), to start it as a parent might (signals ignored or blocked).
  init(_ arguments: [String], audit: URL? = nil, launcher: [String] = []) throws {
    self.audit = audit ?? FileManager.default.temporaryDirectory.appending(path: "rbshell-audit-\(UUID().uuidString).jsonl")
    if let program = launcher.first {
      process.executableURL = URL(filePath: program)
      process.arguments = launcher.dropFirst() + [PackagePaths.rbshell.path] + arguments
    } else {
      process.executableURL = PackagePaths.rbshell
      process.arguments = arguments
    }
    var env = ProcessInfo.processInfo.environment
    env["RBSHELL_AUDIT_LOG"] = self.audit.path
    env.removeValue(forKey: "RBSHELL_MIGRATIONS")
    env["PATH"] = PackagePaths.rbshell.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "")
    process.environment = env
    process.standardInput = FileHandle.nullDevice
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    output.collect(stdout.fileHandleForReading, stderr: false)
    output.collect(stderr.fileHandleForReading, stderr: true)
    try process.run()
  }

  deinit {
    if process.isRunning { process.terminate() }
    try? FileManager.default.removeItem(at: audit)
  }

  var stderr: String { output.text(\.stderr) }
  var stdout: String { output.text(\.stdout) }

  /// Waits for the process to end; returns its exit status.
  @discardableResult
  func wait(timeout: Double = 60) -> Int32 {
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning {
      Issue.record("rbshell did not end within \(timeout)s; stderr: \(stderr)")
      process.terminate()
    }
    process.waitUntilExit()
    output.drain()
    return process.terminationStatus
  }

  func signal(_ number: Int32) { kill(process.processIdentifier, number) }

  /// The audit log's entries, oldest first.
  func auditEntries() throws -> [[String: Any]] {
    guard let text = try? String(contentsOf: audit, encoding: .utf8) else { return [] }
    return try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
  }
}

/// Collects a pipe's bytes on a background queue.
final class OutputCollector: @unchecked Sendable {
  struct Texts {
    var stdout = Data()
    var stderr = Data()
  }
  private var texts = Texts()
  private let lock = NSLock()
  private let group = DispatchGroup()

  func collect(_ handle: FileHandle, stderr: Bool) {
    group.enter()
    DispatchQueue.global().async {
      while true {
        let chunk = handle.availableData
        if chunk.isEmpty { break }
        self.lock.withLock {
          if stderr { self.texts.stderr.append(chunk) } else { self.texts.stdout.append(chunk) }
        }
      }
      self.group.leave()
    }
  }

  func drain() { _ = group.wait(timeout: .now() + 5) }

  func text(_ path: KeyPath<Texts, Data>) -> String {
    lock.withLock { String(decoding: texts[keyPath: path], as: UTF8.self) }
  }
}

/// Polls until a condition holds, or records an issue.
func waitFor(_ what: String, timeout: Double = 20, _ condition: () throws -> Bool) throws {
  let deadline = Date().addingTimeInterval(timeout)
  while Date() < deadline {
    if try condition() { return }
    Thread.sleep(forTimeInterval: 0.02)
  }
  Issue.record("timed out waiting for \(what)")
}
