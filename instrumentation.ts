/**
 * Runs once when the Next.js server starts: initializes Payload right away so
 * that an empty database is seeded with the demo content and the addresses
 * and sign-ins are printed at start, not on the first request.
 */
export const register = async (): Promise<void> => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const [{ getPayload }, { default: config }] = await Promise.all([import('payload'), import('./payload.config.ts')])
  await getPayload({ config })
}
