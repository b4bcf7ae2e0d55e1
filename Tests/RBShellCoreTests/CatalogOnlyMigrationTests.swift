import Migrations
import RBShellCore
import Testing

struct CatalogOnlyMigrationTests {
  @Test(arguments: [
    "DROP TABLE a;",
    "DROP TABLE IF EXISTS a, b CASCADE;\nDROP INDEX a_idx;\nDROP VIEW v;\nDROP SEQUENCE s;",
    "DROP TYPE t;\nDROP FUNCTION f(int);\nDROP TRIGGER tr ON a;",
    "ALTER TABLE a DROP COLUMN b, DROP CONSTRAINT c;\nALTER TABLE a RENAME TO b;",
    "ALTER TABLE a ALTER COLUMN b DROP NOT NULL;\nALTER TABLE a ALTER COLUMN b DROP DEFAULT;",
    "COMMENT ON TABLE a IS 'x';",
    "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;",
  ])
  func removalsRenamesAndCommentsAreCatalogOnly(sql: String) {
    #expect(CatalogOnlyMigration.isCatalogOnly(sql, strings: .standardConforming))
  }

  @Test(arguments: [
    "",
    "-- nothing",
    "DROP TABLE a;\nINSERT INTO b VALUES (1);",
    "DELETE FROM a;",
    "ALTER TYPE e ADD VALUE 'x';",
    "CREATE INDEX a_idx ON a (b);",
    "CREATE TABLE a AS SELECT * FROM b;",
    "ALTER TABLE a ADD COLUMN b int DEFAULT random();",
    "ALTER TABLE a ALTER COLUMN b TYPE bigint;",
    "ALTER TABLE a ADD CONSTRAINT c CHECK (b > 0);",
    "DROP TABLE a;\nSELECT pg_sleep(1);",
    "DO $$ BEGIN END $$;",
    "DROP EXTENSION pg_trgm;",
    "UPDATE a SET b = 1;",
  ])
  func anythingThatReadsWritesOrRewritesDataIsNot(sql: String) {
    #expect(!CatalogOnlyMigration.isCatalogOnly(sql, strings: .standardConforming))
  }
}
