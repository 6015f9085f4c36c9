import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The secret that signs sessions. Production must set PAYLOAD_SECRET; in
 * development a random secret is generated once and kept under `data/`, so
 * sign-ins survive restarts without anyone having to invent one.
 */
export const resolveSecret = ({
  env = process.env,
  dataDir = path.resolve(process.cwd(), 'data'),
}: { env?: NodeJS.ProcessEnv; dataDir?: string } = {}): string => {
  const fromEnv = env.PAYLOAD_SECRET?.trim()
  if (fromEnv) return fromEnv
  // `next build` evaluates the config without serving anyone; the server
  // evaluates it again at start, where the check below applies.
  if (env.NEXT_PHASE === 'phase-production-build') return 'entraide-build-time-placeholder'
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'PAYLOAD_SECRET is required in production. Set it to a long random string, for example: PAYLOAD_SECRET=$(openssl rand -hex 32)',
    )
  }
  const file = path.join(dataDir, '.payload-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, secret, { mode: 0o600 })
  console.warn(
    `[entraide] PAYLOAD_SECRET is not set: generated a development secret in ${file}. Set PAYLOAD_SECRET in production.`,
  )
  return secret
}
