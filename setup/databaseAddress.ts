/** The embedded default database: a SQLite file under `data/` (see `database.ts`). */
export const defaultDatabaseUri = 'file:./data/entraide.db'

/**
 * The demo host's database address: DATABASE_URI, else the embedded default.
 * The app's config and its instrumentation hook (which names the search
 * index's saved file after it) both read it here, so they always agree.
 */
export const databaseUriFromEnvironment = (): string => process.env.DATABASE_URI || defaultDatabaseUri
