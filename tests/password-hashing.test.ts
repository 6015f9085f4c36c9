import { pbkdf2, pbkdf2Sync } from 'node:crypto'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

// The test processes' lighter password hashing (tests/passwordHashing.setup.ts):
// a file that does not ask for the real one gets 1,000 rounds where Payload asks for 600,000.
describe('password hashing in the test processes', () => {
  it('makes a 600,000-round hash with 1,000 rounds, and leaves other counts alone', async () => {
    const hash = promisify(pbkdf2)
    const salt = 'a'.repeat(64)
    const asked = await hash('correct horse battery staple', salt, 600_000, 32, 'sha256')
    expect(asked.equals(pbkdf2Sync('correct horse battery staple', salt, 1_000, 32, 'sha256'))).toBe(true)
    const other = await hash('correct horse battery staple', salt, 2_000, 32, 'sha256')
    expect(other.equals(pbkdf2Sync('correct horse battery staple', salt, 2_000, 32, 'sha256'))).toBe(true)
  })
})
