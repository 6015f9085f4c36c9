import { networkInterfaces } from 'node:os'

import { withPayload } from '@payloadcms/next/withPayload'

/**
 * This machine's addresses, so that `npm run dev` opened at 127.0.0.1 or at
 * the network address Next prints works as at localhost (Next refuses its
 * development resources to any other origin, and the admin stays blank).
 */
const localAddresses = () => [
  'localhost',
  '127.0.0.1',
  ...Object.values(networkInterfaces())
    .flat()
    .filter((address) => address !== undefined && address.family === 'IPv4')
    .map((address) => address.address),
]

/** Cache-Control of `/entraide-widget.js`, the stable name existing embeds link. */
export const widgetStableCacheControl = 'public, max-age=300, stale-while-revalidate=3600'
/** Cache-Control of `/entraide-widget.<hash>.js`, whose content never changes. */
export const widgetHashedCacheControl = 'public, max-age=31536000, immutable'

/** @type {import('next').NextConfig} */
const nextConfig = {
  allowedDevOrigins: [...new Set(localAddresses())],
  // A separate build directory lets a second server (the browser tests) run beside `npm run dev`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  // The browser tests' build leaves the type check to `npm run typecheck`,
  // which CI runs on its own; `npm run build` checks types as usual.
  typescript: { ignoreBuildErrors: process.env.ENTRAIDE_BUILD_WITHOUT_TYPECHECK === 'true' },
  experimental: {
    preloadEntriesOnStart: false,
    // Server code keeps its class names: Payload picks the log level of an
    // error by its name (a refused form is info, not an error with a stack) and
    // returns that name to API clients. The app is a long-lived Node process,
    // where unminified server code costs little.
    turbopackMinify: { client: true, server: false },
    // The browser tests' first build in a checkout leaves out Turbopack's
    // build cache, which only a later build would read (tests/browser/appBuild.ts).
    turbopackFileSystemCacheForBuild: process.env.ENTRAIDE_BUILD_CACHE !== 'false',
  },
  // The widget bundle (scripts/buildWidget.ts): its content-hashed copy never
  // changes, so browsers and proxies keep it a year; the stable name, which
  // existing embeds link, changes with each build and is kept a few minutes.
  async headers() {
    return [
      {
        source: '/entraide-widget.js',
        headers: [{ key: 'Cache-Control', value: widgetStableCacheControl }],
      },
      {
        source: '/entraide-widget.:hash([0-9a-f]{16}).js',
        headers: [{ key: 'Cache-Control', value: widgetHashedCacheControl }],
      },
    ]
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
