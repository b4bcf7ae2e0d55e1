/// A migration of a tool that records nothing when one fails (dbmate, goose): its up SQL, and
/// whether the tool runs it all or nothing.
public struct ToolMigrationFile: Sendable, Equatable {
  public var definition: Definition
  public var atomic: Bool

  public init(definition: Definition, atomic: Bool) {
    self.definition = definition
    self.atomic = atomic
  }
}
