/// Built-in seeds and dictionaries; SQL seeds grow with the corpus when one is given.
enum Seeds {
  static let sql = [
    "CREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN b text DEFAULT 'x;y';\n",
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 1 END; END;\n",
    "CREATE OR REPLACE FUNCTION g() RETURNS trigger AS $$ BEGIN NEW.x := 1; RETURN NEW; END; $$ LANGUAGE plpgsql;\n",
    "DO $do$ BEGIN PERFORM 1; END $do$;\n-- comment; here\r/* nested /* ; */ */ SELECT E'it\\'s', U&'\\0041', \"q;\"\"x\";\n",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (id);\n",
    "DROP TABLE IF EXISTS t CASCADE; TRUNCATE u; DELETE FROM v WHERE x = 1; ALTER TABLE w DROP COLUMN c;\n",
    "BEGIN;\nCREATE EXTENSION IF NOT EXISTS pg_trgm;\nCOMMIT;\n",
    "COPY a FROM stdin;\nSET standard_conforming_strings = off;\nSELECT 1$a$;$a$;\n",
  ]
  static let sqlDictionary = [
    "'", "''", "\"", "$", "$$", "$a$", "$1", "E'", "e'", "U&'", "U&\"", "B'", "X'", "N'", "\\", "\\'", "--", "/*", "*/",
    ";", "(", ")", "\r", "\n", "\r\n", " ", "\t", "BEGIN", " ATOMIC ", "END", "CASE", "CREATE FUNCTION f() ",
    "CREATE OR REPLACE PROCEDURE ", "COMMIT", "ROLLBACK TO", "PREPARE TRANSACTION", "COPY x FROM stdin",
    "standard_conforming_strings", "SET ", "CONCURRENTLY", "CREATE INDEX CONCURRENTLY x ON y", "DROP TABLE ",
    "DROP COLUMN ", "TRUNCATE ", "DELETE FROM ", "ü", "a$b", "1e5", ".5", "0x1F", "::", "[", "]",
  ]
  static let rawSQLPieces: [[UInt8]] = [[0], [0xFF], [0xEF, 0xBB, 0xBF], [0xC3], [0xE2, 0x82]]

  static let metadata = [
    "name: add things\nparents: [1, 2]\n",
    "name: 'quoted: name'\nparents:\n  - 1\n  - 2\ncreateIndexConcurrently: true\n",
    "name: a#b # comment\nparent: 3\nprivileged: false\nnonIdempotent: yes\n",
    "# only a comment\n",
    "name: \"double\"\nparents: []\nfavouriteColour: blue\n",
  ]
  static let metadataDictionary = [
    "#", " #", ":", ": ", "'", "\"", "- ", "[", "]", ",", "\n", "  ", "\t", "name", "parents", "parent", "true", "false",
    "yes", "no", "~", "null", "&a ", "*a", "|", ">", "!!str ", "!!int ", "1", "-1", "9223372036854775808", "0x1F",
    "1_000", "{", "}", "? ", "---\n", "...\n", "%YAML 1.1\n", "createIndexConcurrently", "privileged", "\u{FEFF}",
  ]

  static let stitched = """
    {"frontend": {"Definitions": [
      {"ID": 1, "Name": "base", "UpQuery": "CREATE TABLE a (id int);", "DownQuery": "DROP TABLE a;", "Privileged": false,
       "NonIdempotent": false, "Parents": [], "IsCreateIndexConcurrently": false, "IndexMetadata": null},
      {"ID": 2, "Name": "index", "UpQuery": "CREATE INDEX CONCURRENTLY i ON a (id);", "DownQuery": "DROP INDEX i;",
       "Privileged": false, "NonIdempotent": false, "Parents": [1], "IsCreateIndexConcurrently": true,
       "IndexMetadata": {"TableName": "a", "IndexName": "i"}}],
      "BoundsByRev": {"v1.0.0": {"RootID": 1, "LeafIDs": [2], "PreCreation": false}}},
     "codeintel": {"Definitions": [], "BoundsByRev": {"v1.0.0": {"RootID": 0, "LeafIDs": null, "PreCreation": true}}}}
    """
  static let stitchedDictionary = [
    "{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "0", "-1", "1e400", "9223372036854775808",
    "-9223372036854775808", "\"ID\"", "\"Parents\"", "\"Definitions\"", "\"BoundsByRev\"", "\"RootID\"", "\"LeafIDs\"",
    "\\u0000", "\\\"", "\"v3.36.0\"", "[1, 1]", "[2]", "\"frontend\"", "\"codeinsights\"",
  ]
}
