import RBShellCore
import Testing

/// Flyway's own numbers, computed independently: its checksum (CRC-32 of the lines without
/// their endings, Python's zlib as the oracle) and its PostgreSQL lock key (Java's hashCode).
struct FlywayResolveTests {
  @Test func checksumIsCRC32OfTheLinesWithoutTheirEndings() {
    let text = "CREATE TABLE orders (id bigint PRIMARY KEY);\n\nCREATE INDEX x ON orders (id);\n"
    #expect(FlywayResolve.checksum(text) == -419_408_818)
    #expect(FlywayResolve.checksum(text.replacingOccurrences(of: "\n", with: "\r\n")) == -419_408_818, "line endings do not count")
    #expect(FlywayResolve.checksum("\u{FEFF}" + text) == -419_408_818, "nor a byte-order mark")
    #expect(FlywayResolve.checksum("") == 0)
  }

  @Test func lockKeyIsFlywayPlusTheQuotedTablesJavaHashCode() {
    #expect(FlywayResolve.lockKey(schema: "public", table: "flyway_schema_history") == 77_433_833_903_597)
  }
}
