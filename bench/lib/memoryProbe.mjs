// Loaded into a benchmarked server with `--import` (see `memoryProbeEnvironment`
// in processTree.ts). On SIGUSR2 it runs two full garbage collections and
// appends the process's memory, before and after them, to the file named by
// ENTRAIDE_MEMORY_PROBE_FILE, as one line of JSON per process: what the
// server keeps, told apart from what its heap had merely grown to.
import { appendFileSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

const file = process.env.ENTRAIDE_MEMORY_PROBE_FILE

if (file) {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc')
  const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10
  process.on('SIGUSR2', () => {
    const before = process.memoryUsage()
    gc()
    gc()
    const after = process.memoryUsage()
    appendFileSync(
      file,
      `${JSON.stringify({
        before: { rss: mb(before.rss), heapUsed: mb(before.heapUsed) },
        after: { rss: mb(after.rss), heapUsed: mb(after.heapUsed), external: mb(after.external) },
      })}\n`,
    )
  })
}
