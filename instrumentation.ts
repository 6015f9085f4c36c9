/**
 * Runs once when the Next.js server starts: has Payload start right away, so
 * that an empty database is seeded with the demo content and the addresses
 * and sign-ins are printed at start, not on the first request.
 *
 * Payload is started by the server's own API route, with one request to it
 * (not awaited: requests wait for this hook to return): starting it here
 * instead would load Payload, the config and every module they import a
 * second time, in this hook's own bundle, before the API route loads its
 * own, about a second more before the first answer. Where the server's
 * address is unknown, or the request fails, Payload starts here.
 *
 * Before that, the search index's snapshot starts being read on a thread of
 * its own (`entraide/instrumentation`, Node's built-ins only), while the
 * route loads Payload: a restarted server answers searches that much sooner.
 */
export const register = async (): Promise<void> => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const [{ readSearchIndexEarly }, { databaseUriFromEnvironment }] = await Promise.all([
    import('entraide/instrumentation'),
    import('./setup/databaseAddress.ts'),
  ])
  // The address the database adapter gets (setup/appConfig.ts), and the plugin's default snapshot directory.
  readSearchIndexEarly({ databaseUri: databaseUriFromEnvironment() })
  const startHere = async (): Promise<void> => {
    const [{ getPayload }, { default: config }] = await Promise.all([import('payload'), import('./payload.config.ts')])
    await getPayload({ config })
  }
  // Set by `next start` and `next dev` once the server listens, before this hook runs.
  const origin = process.env.__NEXT_PRIVATE_ORIGIN
  if (!origin) {
    await startHere()
    return
  }
  void fetch(new URL('/api/users/me', origin), { headers: { accept: 'application/json' } })
    .then((response) => response.body?.cancel())
    .catch(() => startHere())
    .catch((error: unknown) => console.error('Payload could not start:', error))
}
