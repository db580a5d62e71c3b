import type Database from 'better-sqlite3';

/** A value bound to a statement parameter: both back-ends store these as they are. */
export type SqlValue = string | number | null;

/** The back-ends of the store. */
export type SqlDialect = 'sqlite' | 'postgres';

/** Rewrites `?` placeholders (outside quoted text) to PostgreSQL's `$1, $2, ...`. */
function numberedPlaceholders(text: string): string {
  let out = '';
  let index = 0;
  let quote: string | undefined;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '?') {
      index += 1;
      out += `$${index}`;
      continue;
    }
    out += char;
  }
  return out;
}

/**
 * One SQL statement written once for both back-ends (`?` placeholders), typed by its parameters
 * `P` and the shape `R` of its rows. SQLite prepares it once per database through
 * better-sqlite3's statement generics; PostgreSQL sends it with `pg`'s `query<R>`. Statements
 * whose dialects differ give the PostgreSQL text apart.
 */
export class SqlQuery<P extends SqlValue[], R extends Record<string, unknown> = Record<string, never>> {
  private readonly prepared = new WeakMap<Database.Database, Database.Statement<P, R>>();
  private postgresText: string | undefined;

  constructor(
    readonly sqlite: string,
    private readonly postgresSource?: string,
  ) {}

  /**
   * The PostgreSQL text, made on first use: the statements are declared when the store's modules
   * load, and an embedded (SQLite) process never sends one to PostgreSQL (built eagerly, the
   * rewritten texts held 0.2 MB of heap at idle).
   */
  get postgres(): string {
    return (this.postgresText ??= numberedPlaceholders(this.postgresSource ?? this.sqlite));
  }

  /** The statement prepared on `db` (once per database). */
  statementOn(db: Database.Database): Database.Statement<P, R> {
    let statement = this.prepared.get(db);
    if (!statement) {
      statement = db.prepare<P, R>(this.sqlite);
      this.prepared.set(db, statement);
    }
    return statement;
  }
}

/** A statement with its parameters, for a batch of writes committed together. */
export interface BoundStatement {
  sqlite(db: Database.Database): number;
  readonly postgres: { text: string; values: SqlValue[] };
}

/** Binds parameters to a query, for {@link SqlDatabase.batch}. */
export function bind<P extends SqlValue[], R extends Record<string, unknown>>(query: SqlQuery<P, R>, ...params: P): BoundStatement {
  return {
    sqlite: (db) => query.statementOn(db).run(...params).changes,
    postgres: { text: query.postgres, values: params },
  };
}

/** Shorthand for `new SqlQuery<P, R>(text, postgresText)`. */
export function sql<P extends SqlValue[], R extends Record<string, unknown> = Record<string, never>>(text: string, postgres?: string): SqlQuery<P, R> {
  return new SqlQuery<P, R>(text, postgres);
}
