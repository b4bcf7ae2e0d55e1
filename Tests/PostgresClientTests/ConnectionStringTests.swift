import PostgresClient
import Testing

@Suite struct ConnectionStringTests {
  @Test(arguments: [
    ("host=db password=hunter2 dbname=sg", "host=db password=******** dbname=sg"),
    ("host=db password='two words\\' q' user=u", "host=db password=******** user=u"),
    ("password = spaced  host=x", "password = ********  host=x"),
    ("postgres://sg:hunter2@db:5432/sg?sslmode=disable", "postgres://sg:********@db:5432/sg?sslmode=disable"),
    ("postgresql://sg@db/sg?password=hunter2&sslmode=require", "postgresql://sg@db/sg?password=********&sslmode=require"),
    ("postgres://sg:p%40ss@db/sg", "postgres://sg:********@db/sg"),
    ("host=db dbname=sg", "host=db dbname=sg"),
    ("postgres://sg@db/sg", "postgres://sg@db/sg"),
  ])
  func redactsEveryPasswordForm(input: String, expected: String) {
    #expect(ConnectionString.redact(input) == expected)
  }

  @Test func findsPasswordsToScrubFromMessages() {
    #expect(ConnectionString.passwords(in: "host=db password='a b\\'c'") == ["a b'c"])
    #expect(Set(ConnectionString.passwords(in: "postgres://u:p%40ss@h/d?password=two")).isSuperset(of: ["p@ss", "two"]))
    let scrubbed = ConnectionString.scrub("auth failed for hunter2 at hunter2", secrets: ["hunter2", ""])
    #expect(scrubbed == "auth failed for ******** at ********")
  }
}

@Suite struct PasswordLiteralTests {
  @Test(arguments: [
    ("ALTER ROLE app PASSWORD 'hunter2'", "ALTER ROLE app PASSWORD '********'"),
    ("create user x with password E'it''s\\\\secret' valid until 'infinity'", "create user x with password '********' valid until 'infinity'"),
    ("ALTER USER y WITH PASSWORD $p$hunter2$p$;", "ALTER USER y WITH PASSWORD '********';"),
    ("ALTER ROLE z PASSWORD NULL", "ALTER ROLE z PASSWORD NULL"),
    ("SELECT 'password' AS word", "SELECT 'password' AS word"),
  ])
  func passwordLiteralsAreMasked(sql: String, masked: String) {
    #expect(PasswordLiterals.mask(sql) == masked)
  }
}
