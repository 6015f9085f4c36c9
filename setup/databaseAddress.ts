/** The embedded default database: a SQLite file under `data/` (see `database.ts`). */
export const defaultDatabaseUri = 'file:./data/entraide.db'
