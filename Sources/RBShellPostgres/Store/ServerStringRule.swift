import Migrations
import PostgresClient

extension Connection {
  /// How this server reads a backslash in a plain string, for splitting SQL as it would.
  public var stringRule: SQLLexer.StringRule { standardConformingStrings ? .standardConforming : .backslashEscapes }
}
