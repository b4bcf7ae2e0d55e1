/// Whether one statement's effect is visible in the catalog.
public struct StatementState: Equatable, Sendable, Codable {
  public enum State: String, Equatable, Sendable, Codable {
    case applied
    case notApplied = "not-applied"
    case unknown
  }

  public var state: State
  /// Why rbshell concluded this: the catalog fact it found or missed.
  public var reason: String
  /// The evidence cannot tell this statement's effect from an object that existed before
  /// (`IF NOT EXISTS`, `OR REPLACE`, `IF EXISTS`).
  public var weak: Bool

  public init(_ state: State, _ reason: String, weak: Bool = false) {
    self.state = state
    self.reason = reason
    self.weak = weak
  }

  static func applied(_ reason: String, weak: Bool = false) -> StatementState { .init(.applied, reason, weak: weak) }
  static func notApplied(_ reason: String) -> StatementState { .init(.notApplied, reason) }
  static func unknown(_ reason: String) -> StatementState { .init(.unknown, reason) }

  /// Combines several facts that must all hold (e.g. the actions of one ALTER TABLE).
  static func all(_ parts: [StatementState]) -> StatementState {
    let reasons = parts.map(\.reason).joined(separator: "; ")
    let weak = parts.contains(where: \.weak)
    if parts.allSatisfy({ $0.state == .applied }) { return .init(.applied, reasons, weak: weak) }
    if parts.allSatisfy({ $0.state == .notApplied }) { return .init(.notApplied, reasons) }
    if parts.contains(where: { $0.state == .unknown }) { return .init(.unknown, reasons) }
    return .init(.unknown, "only some of its parts are in: " + reasons)
  }
}
