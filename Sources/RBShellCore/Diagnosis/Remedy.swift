import Migrations

/// A command that fixes a finding, as data: which command, with which arguments. The CLI renders
/// it as a command line (adding how to reach the same database and definitions), so what
/// diagnose suggests and what the commands accept are decided by the same types
/// (`RepairAction.fits`, `LegacyFlagPlanner.decides`, `PrivilegedMode`).
public struct Remedy: Sendable, Equatable, Codable {
  public enum Command: String, Sendable, Codable, CaseIterable {
    case diagnose
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
