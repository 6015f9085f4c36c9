import crypto from 'node:crypto'
import { readFileSync } from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'

import { beforeAll, expect } from 'vitest'

// Every account a test makes costs a password hash, and every sign-in
// another: PBKDF2-SHA256 with Payload's 600,000 rounds, about 0.17 s of
// processor time each, some 600 of them in a run of the database tests. In
// the test processes (never in the app servers the browser tests start, nor
// in the product) a hash asked for with 600,000 rounds is made with 1,000:
// creating an account and signing in both go through it, so they agree, and
// what the tests check of accounts stays the same. A test file whose checks
// depend on the real cost (how long sign-in takes for a known and an unknown
// account, sign-ups queueing behind one another) says so on a line of its
// own, `// Password hashing: real (<why>)`, and gets the real one.

const productionRounds = 600_000
const testRounds = 1_000

type State = { isReal: boolean; isWrapped: boolean }
const state: State = ((globalThis as { __entraideTestHashing?: State }).__entraideTestHashing ??= {
  isReal: false,
  isWrapped: false,
})

if (!state.isWrapped) {
  state.isWrapped = true
  const original = crypto.pbkdf2
  const lighter = (iterations: number): number => (iterations === productionRounds && !state.isReal ? testRounds : iterations)
  const pbkdf2 = (...args: Parameters<typeof crypto.pbkdf2>): void => {
    const [password, salt, iterations, keyLength, digest, callback] = args
    original(password, salt, lighter(iterations), keyLength, digest, callback)
  }
  Object.assign(crypto, { pbkdf2 })
  // `import { pbkdf2 } from 'node:crypto'` reads the same function.
  syncBuiltinESMExports()
}

beforeAll(() => {
  const file = expect.getState().testPath
  state.isReal = file !== undefined && /^\/\/ Password hashing: real \(.+\)$/m.test(readFileSync(file, 'utf8'))
})
