import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build directory lets a second server (the browser tests) run beside `npm run dev`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  // Server code keeps its class names: Payload picks the log level of an
  // error by its name (a refused form is info, not an error with a stack) and
  // returns that name to API clients. The app is a long-lived Node process,
  // where unminified server code costs little.
  experimental: { turbopackMinify: { client: true, server: false } },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
