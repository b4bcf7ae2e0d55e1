import Migrations

/// A command that fixes a finding, as data: which command, with which arguments. The CLI renders
/// it as a command line (adding how to reach the same database and definitions), so what
/// diagnose suggests and what the commands accept are decided by the same types
/// (`RepairAction.fits`, `LegacyFlagPlanner.decides`, `PrivilegedMode`).
public struct Remedy: Sendable, Equatable, Codable {
  public enum Command: String, Sendable, Codable, CaseIterable {
    case diagnose
    case drift
    case validateDefinitions = "validate-definitions"
    case up, upto
    case repairRetry = "repair retry"
    case repairComplete = "repair complete"
    case repairRevert = "repair revert"
    case repairMarkApplied = "repair mark-applied"
    case repairMarkReverted = "repair mark-reverted"
    case repairClearDirty = "repair clear-dirty"
    case repairDropInvalidIndex = "repair drop-invalid-index"

    init(_ action: RepairAction) {
      switch action {
      case .retry: self = .repairRetry
      case .complete: self = .repairComplete
      case .revert: self = .repairRevert
      case .markApplied: self = .repairMarkApplied
      case .markReverted: self = .repairMarkReverted
      }
    }

    /// Commands that read the definitions (so the rendered line carries them).
    public var readsDefinitions: Bool { self != .repairDropInvalidIndex }
  }

  public enum Argument: Sendable, Equatable, Codable {
    case version(Int)
    case targets([Int])
    case index(String)
    case retry
    case force
    case verbose
    case privileged(PrivilegedMode)

    enum Key: String, CodingKey { case version, targets, index, retry, force, verbose, privileged }

    /// One key per argument: `{"version": 11}`, `{"force": true}`, `{"privileged": "apply"}`.
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: Key.self)
      switch self {
      case .version(let id): try c.encode(id, forKey: .version)
      case .targets(let ids): try c.encode(ids, forKey: .targets)
      case .index(let name): try c.encode(name, forKey: .index)
      case .retry: try c.encode(true, forKey: .retry)
      case .force: try c.encode(true, forKey: .force)
      case .verbose: try c.encode(true, forKey: .verbose)
      case .privileged(let mode): try c.encode(mode, forKey: .privileged)
      }
    }

    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: Key.self)
      guard let key = c.allKeys.first else { throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "empty argument")) }
      switch key {
      case .version: self = .version(try c.decode(Int.self, forKey: key))
      case .targets: self = .targets(try c.decode([Int].self, forKey: key))
      case .index: self = .index(try c.decode(String.self, forKey: key))
      case .retry: self = .retry
      case .force: self = .force
      case .verbose: self = .verbose
      case .privileged: self = .privileged(try c.decode(PrivilegedMode.self, forKey: key))
      }
    }

    /// The argument as command-line words.
    public var words: [String] {
      switch self {
      case .version(let id): ["--version", String(id)]
      case .targets(let ids): ["--target", ids.map(String.init).joined(separator: ",")]
      case .index(let name): ["--index", name]
      case .retry: ["--retry"]
      case .force: ["--force"]
      case .verbose: ["--verbose"]
      case .privileged(let mode): ["--privileged=\(mode.rawValue)"]
      }
    }
  }

  public var command: Command
  public var schema: Schema
  public var arguments: [Argument]
  /// When or how to run it, for the operator (`as a superuser …`).
  public var note: String?
  /// Whether the command needs the definitions (drop-invalid-index only with `--retry`).
  public var needsDefinitions: Bool

  public init(_ command: Command, schema: Schema, _ arguments: [Argument] = [], note: String? = nil, needsDefinitions: Bool? = nil) {
    self.command = command
    self.schema = schema
    self.arguments = arguments
    self.note = note
    self.needsDefinitions = needsDefinitions ?? command.readsDefinitions
  }

  /// `repair retry --db frontend --version 11` (without connection and definitions).
  public var words: [String] {
    command.rawValue.split(separator: " ").map(String.init) + ["--db", schema.rawValue] + arguments.flatMap(\.words)
  }
}
