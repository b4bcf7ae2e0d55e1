import PostgresClient

/// The SQL that finds and reads other tools' ledgers: one catalog query for which of their
/// tables exist (in any schema), then one plain SELECT per table found. Nothing here writes.
enum ToolLedgerQueries {
  /// The table names other tools keep their ledger in (Sqitch's live in the schema `sqitch`).
  static let candidateTables = [
    "schema_migrations", "codeintel_schema_migrations", "codeinsights_schema_migrations", "flyway_schema_history",
    "_prisma_migrations", "atlas_schema_revisions", "goose_db_version", "alembic_version", "changes", "events",
    "ar_internal_metadata",
  ]

  /// Each candidate table: its schema, name, the type of its `version` column, whether it has
  /// golang-migrate's `dirty` column, and whether this role may read it. `$1`: the candidate names.
  static let detect = """
    SELECT n.nspname AS schema, c.relname AS name,
           (SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
             WHERE a.attrelid = c.oid AND a.attname = 'version' AND NOT a.attisdropped) AS version_type,
           EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'dirty' AND NOT a.attisdropped) AS has_dirty,
           has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT') AS readable
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND c.relname = ANY($1::text[])
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
    ORDER BY n.nspname, c.relname
    """

  static func golangMigrate(_ table: String) -> String { "SELECT version::text AS version, dirty FROM \(table) ORDER BY version" }

  static func flyway(_ table: String) -> String {
    """
    SELECT installed_rank, coalesce(version, description) AS version, description, type, script, checksum::text AS checksum, success
    FROM \(table) ORDER BY installed_rank
    """
  }

  static func prisma(_ table: String) -> String {
    """
    SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back,
           applied_steps_count, split_part(coalesce(logs, ''), E'\\n', 1) AS first_log_line
    FROM \(table) ORDER BY started_at, id
    """
  }

  static func atlas(_ table: String) -> String {
    """
    SELECT version, description, applied, total, type, error, error_stmt
    FROM \(table) ORDER BY version
    """
  }

  static func goose(_ table: String) -> String {
    "SELECT version_id::text AS version, is_applied FROM \(table) WHERE version_id <> 0 ORDER BY id"
  }

  static func alembic(_ table: String) -> String { "SELECT version_num FROM \(table) ORDER BY version_num" }

  static func plainVersions(_ table: String) -> String { "SELECT version::text AS version FROM \(table) ORDER BY version" }

  /// Sqitch: each change's newest event, and whether the change is deployed now.
  static let sqitch = """
    SELECT DISTINCT ON (e.change_id) e.change_id, e.change, e.event, e.committed_at::text AS at,
           EXISTS (SELECT 1 FROM sqitch.changes c WHERE c.change_id = e.change_id) AS deployed
    FROM sqitch.events e
    ORDER BY e.change_id, e.committed_at DESC
    """
}
