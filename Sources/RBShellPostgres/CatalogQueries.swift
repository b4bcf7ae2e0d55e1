/// The catalog queries of one diagnose pass: a fixed set, each one round trip, whatever the
/// database's size. System schemas are left out; names come back as stored. `scoped` queries
/// read only the objects named in `$1`, a `text[]` of relation, function or type names
/// (`CatalogScope`; comments: `$1` relations, `$2` types); invalid indexes are always read.
enum CatalogQueries {
  static let relationNamed = " AND c.relname = ANY($1::text[])"

  static func filter(_ scoped: Bool, _ clause: String) -> String { scoped ? clause : "" }

  static let userSchemas = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"

  static let session = """
    SELECT current_database() AS database, array_to_string(current_schemas(false), ',') AS search_path,
           extract(epoch FROM now())::float8 AS now
    """

  static let schemas = "SELECT n.nspname FROM pg_namespace n WHERE \(userSchemas)"

  static func relations(scoped: Bool) -> String {
    """
    SELECT n.nspname, c.relname, c.relkind::text AS relkind
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE \(userSchemas) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i', 'I', 'f')\(filter(scoped, relationNamed))
    """
  }

  static func columns(scoped: Bool) -> String {
    """
    SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
           pg_get_expr(d.adbin, d.adrelid) AS default_expression
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND \(userSchemas)\(filter(scoped, relationNamed))
    """
  }

  static func indexes(scoped: Bool) -> String {
    """
    SELECT n.nspname, ic.relname AS index_name, tn.nspname AS table_schema, tc.relname AS table_name,
           i.indisvalid, i.indisunique
    FROM pg_index i
    JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
    JOIN pg_class tc ON tc.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace
    WHERE \(userSchemas)\(filter(scoped, indexesInScope))
    """
  }

  /// Indexes named in `$1`, indexes on tables named in `$1`, and every invalid index — as a
  /// union of oids, each found by a catalog index (an `OR` of the three scanned all of pg_index
  /// joined to pg_class: 55 ms on 20,000 indexes).
  static let indexesInScope = """
     AND i.indexrelid IN (
      SELECT c.oid FROM pg_class c WHERE c.relname = ANY($1::text[]) AND c.relkind IN ('i', 'I')
      UNION ALL SELECT x.indexrelid FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid WHERE t.relname = ANY($1::text[])
      UNION ALL SELECT x.indexrelid FROM pg_index x WHERE NOT x.indisvalid)
    """

  /// Names, and for primary keys, unique and foreign keys the kind and the columns in key order
  /// (as a JSON array), so a constraint the server named is found by its shape.
  static func constraints(scoped: Bool) -> String {
    """
    SELECT n.nspname, c.relname, con.conname, con.contype::text,
      (SELECT coalesce(json_agg(a.attname ORDER BY k.ord), '[]'::json)
       FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum)::text
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE \(userSchemas)\(filter(scoped, relationNamed))
    """
  }

  /// One row per overload, with its body (`prosrc`): `CREATE OR REPLACE` is proven by the text.
  static func functions(scoped: Bool) -> String {
    """
    SELECT n.nspname, p.proname, p.prosrc
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE \(userSchemas)\(filter(scoped, " AND p.proname = ANY($1::text[])"))
    """
  }

  static func triggers(scoped: Bool) -> String {
    """
    SELECT n.nspname, c.relname, t.tgname
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT t.tgisinternal AND \(userSchemas)\(filter(scoped, relationNamed))
    """
  }

  /// One row per enum label (others: one row with a NULL label). Composite types of tables are left out.
  static func types(scoped: Bool) -> String {
    """
    SELECT n.nspname, t.typname, t.typtype::text AS typtype, e.enumlabel
    FROM pg_type t
    JOIN pg_namespace n ON n.oid = t.typnamespace
    LEFT JOIN pg_enum e ON e.enumtypid = t.oid
    LEFT JOIN pg_class r ON r.oid = t.typrelid
    WHERE \(userSchemas) AND t.typtype IN ('e', 'c', 'd', 'r') AND (t.typtype <> 'c' OR r.relkind = 'c')\(filter(scoped, " AND t.typname = ANY($1::text[])"))
    ORDER BY n.nspname, t.typname, e.enumsortorder
    """
  }

  static let extensions = "SELECT extname, extversion FROM pg_extension"

  static func comments(scoped: Bool) -> String {
    """
    SELECT 'relation' AS kind, n.nspname, c.relname AS name, a.attname AS column_name, d.description
    FROM pg_description d
    JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
    WHERE \(userSchemas)\(filter(scoped, relationNamed))
    UNION ALL
    SELECT 'type', n.nspname, t.typname, NULL, d.description
    FROM pg_description d JOIN pg_type t ON d.classoid = 'pg_type'::regclass AND t.oid = d.objoid
    JOIN pg_namespace n ON n.oid = t.typnamespace WHERE \(userSchemas)\(filter(scoped, " AND t.typname = ANY($2::text[])"))
    UNION ALL
    SELECT 'schema', '', n.nspname, NULL, d.description
    FROM pg_description d JOIN pg_namespace n ON d.classoid = 'pg_namespace'::regclass AND n.oid = d.objoid
    UNION ALL
    SELECT 'extension', '', x.extname, NULL, d.description
    FROM pg_description d JOIN pg_extension x ON d.classoid = 'pg_extension'::regclass AND x.oid = d.objoid
    """
  }

  /// Advisory locks in this database with the holders' activity (other sessions only).
  static let advisoryLocks = """
    SELECT l.classid::bigint AS classid, l.objid::bigint AS objid, l.objsubid::int AS objsubid, l.pid, l.granted,
           a.application_name, a.client_addr::text AS client, a.usename, a.state, a.query,
           extract(epoch FROM a.backend_start)::float8 AS backend_start,
           extract(epoch FROM a.state_change)::float8 AS state_change
    FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND l.pid <> pg_backend_pid()
    ORDER BY l.pid
    """

  static let indexBuilds = """
    SELECT p.pid, ic.relname AS index_name, tc.relname AS table_name, p.phase,
           p.blocks_done, p.blocks_total, p.tuples_done, p.tuples_total
    FROM pg_stat_progress_create_index p
    LEFT JOIN pg_class ic ON ic.oid = p.index_relid
    LEFT JOIN pg_class tc ON tc.oid = p.relid
    WHERE p.datname = current_database()
    """
}
