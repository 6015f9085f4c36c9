/**
 * Counts the SQL statements a SQLite-backed Payload runs, by wrapping the
 * libsql client of its adapter: each `execute`, each statement of a `batch`,
 * and the `BEGIN` and `COMMIT` (or `ROLLBACK`) of each transaction.
 */
type Statement = { sql: string }
type Executor = {
  execute: (statement: unknown, args?: unknown) => Promise<unknown>
  batch?: (statements: unknown[], mode?: unknown) => Promise<unknown>
}
type Transaction = Executor & { commit: () => Promise<void>; rollback: () => Promise<void> }
type Client = Executor & { transaction: (mode?: unknown) => Promise<Transaction> }

const sqlOf = (statement: unknown): string => {
  if (typeof statement === 'string') return statement
  if (typeof statement === 'object' && statement !== null && 'sql' in statement && typeof statement.sql === 'string')
    return statement.sql
  return String(statement)
}

export type StatementLog = { readonly statements: Statement[]; take: () => Statement[] }

const isClient = (value: unknown): value is Client =>
  typeof value === 'object' &&
  value !== null &&
  'execute' in value &&
  typeof value.execute === 'function' &&
  'transaction' in value &&
  typeof value.transaction === 'function'

/** Starts recording every statement run through the adapter's client; `take` returns those since the last call. */
export const recordStatements = (db: unknown): StatementLog => {
  const client: unknown = typeof db === 'object' && db !== null && 'client' in db ? db.client : undefined
  if (!isClient(client)) throw new Error('The database adapter has no libsql client to count statements on.')
  const statements: Statement[] = []
  const wrapExecutor = (executor: Executor): void => {
    const execute = executor.execute.bind(executor)
    executor.execute = (statement, args) => {
      statements.push({ sql: sqlOf(statement) })
      return execute(statement, args)
    }
    const batch = executor.batch?.bind(executor)
    if (batch)
      executor.batch = (list, mode) => {
        for (const statement of list) statements.push({ sql: sqlOf(statement) })
        return batch(list, mode)
      }
  }
  wrapExecutor(client)
  const transaction = client.transaction.bind(client)
  client.transaction = async (mode) => {
    statements.push({ sql: 'BEGIN' })
    const tx = await transaction(mode)
    wrapExecutor(tx)
    const commit = tx.commit.bind(tx)
    const rollback = tx.rollback.bind(tx)
    tx.commit = () => {
      statements.push({ sql: 'COMMIT' })
      return commit()
    }
    tx.rollback = () => {
      statements.push({ sql: 'ROLLBACK' })
      return rollback()
    }
    return tx
  }
  let taken = 0
  return {
    statements,
    take: () => {
      const since = statements.slice(taken)
      taken = statements.length
      return since
    },
  }
}
