import PostgresClient
import Testing

/// The one redaction service: credentials anywhere in a line are masked, or the line is
/// reported unsafe; never passed through.
@Suite struct RedactionTests {
  struct Line: CustomStringConvertible, Sendable {
    var text: String
    var secret: String
    var description: String { text }
  }

  static let maskable: [Line] = [
    Line(text: "connect postgres://user:pw123abc@db.internal/sg", secret: "pw123abc"),
    Line(text: #"\c postgresql://alice:s3cret@h:5433/db?sslmode=disable"#, secret: "s3cret"),
    Line(text: "up --db frontend --dsn 'postgres://u:hunter22@h/db' --yes", secret: "hunter22"),
    Line(text: "status --dsn postgres://h/db?user=u&password=qwerty99&sslmode=require", secret: "qwerty99"),
    Line(text: #"diagnose --dsn "host=h password=s3cret dbname=x""#, secret: "s3cret"),
    Line(text: #"status --dsn "host=h password='two words' dbname=x""#, secret: "two words"),
    Line(text: "PGPASSWORD=topsecret rbshell status", secret: "topsecret"),
    Line(text: "CODEINTEL_PGPASSWORD=topsecret2", secret: "topsecret2"),
    // libpq rejects these (an unencoded '/', '@', a bad percent escape): the user info goes whole.
    Line(text: "connect postgres://u:pa/ss99@h/db", secret: "pa/ss99"),
    Line(text: "connect postgres://u:p@ss99@h/db", secret: "p@ss99"),
    Line(text: "connect postgres://u:p%zzss99@h/db", secret: "p%zzss99"),
    Line(text: "ALTER ROLE r PASSWORD 's3cret!'", secret: "s3cret!"),
    Line(text: #"CREATE USER u WITH PASSWORD E'it\'s-secret'"#, secret: "s-secret"),
    Line(text: "DO $$ BEGIN EXECUTE 'ALTER ROLE r PASSWORD ''inner-secret'''; END $$", secret: "inner-secret"),
    Line(text: "ALTER ROLE r PASSWORD $p$dollar-secret$p$", secret: "dollar-secret"),
  ]

  @Test(arguments: maskable)
  func credentialsAreMasked(_ line: Line) throws {
    let redacted = try #require(Redaction.redact(line.text), "\(line.text) was judged unsafe")
    #expect(!redacted.contains(line.secret), "\(redacted)")
    #expect(redacted.contains(Redaction.mask), "\(redacted)")
  }

  @Test(arguments: ["my password is hunter22", "ALTER ROLE r PASSWORD unquoted_secret", "password: x"])
  func linesThatCannotBeMadeSafeAreWithheld(_ line: String) {
    #expect(Redaction.redact(line) == nil)
    #expect(!Redaction.redactOrWithhold(line).contains("hunter22"))
  }

  @Test(arguments: ["status --db frontend", "select * from migration_logs", "connect postgres://u@h/db", "connect host=h dbname=x"])
  func linesWithoutCredentialsStayAsTheyAre(_ line: String) {
    #expect(Redaction.redact(line) == line)
  }

  @Test func libpqReadsTheDatabaseAndPasswordOfBothForms() {
    #expect(ConnectionString.value(of: "dbname", in: "postgres://u:p@h/sg?sslmode=disable") == "sg")
    #expect(ConnectionString.value(of: "dbname", in: "host=h dbname='my db'") == "my db")
    #expect(ConnectionString.passwords(in: "postgres://u:p%40ss@h/db") == ["p@ss", "p%40ss"])  // libpq's, then as written
    #expect(ConnectionString.scrubMalformed(#"invalid percent-encoded token: "p%zzss""#) == #"invalid percent-encoded token: "********""#)
  }
}
