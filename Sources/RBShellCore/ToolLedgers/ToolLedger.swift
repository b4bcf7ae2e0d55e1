/// One other tool's ledger as read, mapped onto rbshell's model: each version applied, failed,
/// pending or rolled back, with the tool's own words for it.
public struct ToolLedger: Sendable, Equatable, Codable {
  public var tool: LedgerTool
  /// The table it was read from, schema-qualified (`public.flyway_schema_history`).
  public var table: String
  public var entries: [ToolLedgerEntry]

  public init(tool: LedgerTool, table: String, entries: [ToolLedgerEntry]) {
    self.tool = tool
    self.table = table
    self.entries = entries
  }

  public func entries(_ state: ToolLedgerEntry.State) -> [ToolLedgerEntry] { entries.filter { $0.state == state } }
}

public struct ToolLedgerEntry: Sendable, Equatable, Codable {
  public enum State: String, Sendable, Codable {
    case applied
    /// The tool recorded a failure (or cannot tell a failure from a run still going: then the
    /// words say so).
    case failed
    case pending
    /// An attempt the tool (or its operator) marked as taken back: no longer blocks it.
    case rolledBack = "rolled-back"
  }

  /// The tool's identifier: a number, a file name, a revision hash, a change name.
  public var version: String
  public var name: String?
  public var state: State
  /// What the tool's own columns say, in its terms (`dirty = true`, `finished_at NULL, …`).
  public var words: String
  /// The checksum the tool recorded for it, when it records one (Flyway).
  public var checksum: String?
  /// How many of its statements the tool recorded as applied, when it counts them (Atlas).
  public var statementsApplied: Int?

  public init(version: String, name: String? = nil, state: State, words: String, checksum: String? = nil) {
    self.version = version
    self.name = name
    self.state = state
    self.words = words
    self.checksum = checksum
  }
}
