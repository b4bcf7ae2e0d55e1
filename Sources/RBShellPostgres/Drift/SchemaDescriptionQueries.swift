/// The catalog queries behind `SchemaDescriptionReader`: user objects only — not the system
/// schemas, not an extension's own members (they come with `CREATE EXTENSION`), not what the
/// server makes itself (internal triggers, identity sequences, a constraint's index).
enum SchemaDescriptionQueries {
  static let userNamespace = """
    n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
    """

  static func notExtensionMember(_ catalog: String, _ oid: String) -> String {
    "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '\(catalog)'::regclass AND e.objid = \(oid) AND e.deptype = 'e')"
  }

  static let relations = """
    SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind, c.relpersistence AS persistence,
      obj_description(c.oid, 'pg_class') AS comment,
      CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS definition
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND \(userNamespace) AND \(notExtensionMember("pg_class", "c.oid"))
    """

  static let columns = """
    SELECT n.nspname AS schema, c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
      a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity AS identity, a.attgenerated AS generated,
      CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation, col_description(c.oid, a.attnum) AS comment,
      row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum) AS position
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      LEFT JOIN pg_collation co ON co.oid = a.attcollation
    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f') AND \(userNamespace)
      AND \(notExtensionMember("pg_class", "c.oid"))
    """

  static let constraints = """
    SELECT n.nspname AS schema, c.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition,
      k.convalidated AS validated, obj_description(k.oid, 'pg_constraint') AS comment
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE \(userNamespace) AND \(notExtensionMember("pg_class", "c.oid"))
    """

  static let indexes = """
    SELECT n.nspname AS schema, ic.relname AS name, c.relname AS table, pg_get_indexdef(i.indexrelid) AS definition,
      i.indisvalid AS valid, obj_description(ic.oid, 'pg_class') AS comment
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = ic.relnamespace
    WHERE \(userNamespace) AND \(notExtensionMember("pg_class", "c.oid"))
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
    """

  /// A sequence a column owns (`serial`, `OWNED BY`) belongs to that column's table.
  static let sequences = """
    SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqincrement AS increment,
      s.seqmin AS min, s.seqmax AS max, s.seqcycle AS cycle, s.seqstart AS start, obj_description(c.oid, 'pg_class') AS comment,
      owner.relname AS table, owner.attname AS owned_by
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN LATERAL (
        SELECT t.relname, a.attname FROM pg_depend o JOIN pg_class t ON t.oid = o.refobjid
          JOIN pg_attribute a ON a.attrelid = o.refobjid AND a.attnum = o.refobjsubid
        WHERE o.classid = 'pg_class'::regclass AND o.objid = c.oid AND o.refclassid = 'pg_class'::regclass AND o.deptype = 'a'
        LIMIT 1) owner ON true
    WHERE \(userNamespace) AND \(notExtensionMember("pg_class", "c.oid"))
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i')
    """

  static let functions = """
    SELECT n.nspname AS schema, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name,
      pg_get_function_result(p.oid) AS result, l.lanname AS language, md5(p.prosrc) AS body, p.prokind AS kind,
      p.provolatile AS volatility, p.proisstrict AS strict, p.prosecdef AS security_definer,
      obj_description(p.oid, 'pg_proc') AS comment,
      CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) END AS definition
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
    WHERE \(userNamespace) AND \(notExtensionMember("pg_proc", "p.oid"))
    """

  static let triggers = """
    SELECT n.nspname AS schema, c.relname AS table, g.tgname AS name, pg_get_triggerdef(g.oid) AS definition,
      g.tgenabled AS enabled, obj_description(g.oid, 'pg_trigger') AS comment
    FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT g.tgisinternal AND \(userNamespace) AND \(notExtensionMember("pg_class", "c.oid"))
    """

  static let enums = """
    SELECT n.nspname AS schema, t.typname AS name, array_to_json(array_agg(e.enumlabel ORDER BY e.enumsortorder))::text AS labels,
      obj_description(t.oid, 'pg_type') AS comment
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE \(userNamespace) AND \(notExtensionMember("pg_type", "t.oid"))
    GROUP BY n.nspname, t.typname, t.oid
    """

  static let extensions = """
    SELECT x.extname AS name, x.extversion AS version, n.nspname AS schema
    FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
    """
}
