import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import type { Reporter, TestModule } from 'vitest/node'

/**
 * Ends every run with one plain line, `vitest: N passed, N failed`, and keeps
 * it in test-results/summary.txt for CI. Skipped tests are listed above it
 * with their reasons, so nothing is skipped silently. Unhandled errors and
 * files that failed to load count as failures.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0
    let failed = unhandledErrors.length
    const skipped: string[] = []
    for (const module of testModules) {
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed += 1
      for (const test of module.children.allTests()) {
        const result = test.result()
        if (result.state === 'passed') passed += 1
        else if (result.state === 'failed') failed += 1
        else if (result.state === 'skipped')
          skipped.push(result.note ? `${test.fullName} — ${result.note}` : test.fullName)
      }
    }
    const line = `vitest: ${passed} passed, ${failed} failed`
    const lines = [
      ...(skipped.length > 0 ? [`vitest: ${skipped.length} skipped:`, ...skipped.map((name) => `  - ${name}`)] : []),
      line,
    ]
    const dir = path.resolve('test-results')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'summary.txt'), `${line}\n`)
    process.stdout.write(`\n${lines.join('\n')}\n`)
  }
}
