import { appendFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, expect } from 'vitest'

// With ENTRAIDE_TEST_CPU set, each test file's CPU time in its worker (user +
// system, the worker's own process only) is appended to
// test-results/cpu.txt: where a run's processor time goes, whatever else the
// machine is doing at the time.
if (process.env.ENTRAIDE_TEST_CPU) {
  let started: NodeJS.CpuUsage | undefined
  let wallStarted = 0
  beforeAll(() => {
    started = process.cpuUsage()
    wallStarted = performance.now()
  })
  afterAll(() => {
    if (!started) return
    const used = process.cpuUsage(started)
    const file = path.relative(process.cwd(), expect.getState().testPath ?? 'unknown')
    const dir = path.resolve('test-results')
    mkdirSync(dir, { recursive: true })
    appendFileSync(
      path.join(dir, 'cpu.txt'),
      `${((used.user + used.system) / 1e6).toFixed(1)} s cpu ${((performance.now() - wallStarted) / 1000).toFixed(1)} s wall ${process.env.VITEST_POOL_ID ?? ''} ${process.env.TEST_DATABASE_URI ? 'postgres' : 'sqlite'} ${file}\n`,
    )
  })
}
