import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import type { Reporter, TestModule } from 'vitest/node'

/**
 * Ends every run with one plain line, `vitest: N passed, N failed`, and keeps
 * it in test-results/summary.txt for CI (another file of test-results/ with
 * the `file` option, so that CI can add up several runs). Skipped tests are
 * listed above it with their reasons, so nothing is skipped silently.
 * Unhandled errors, files that failed to load and files whose setup failed
 * (a failed beforeAll leaves their tests unrun) count as failures.
 */
export default class SummaryReporter implements Reporter {
  readonly #file: string

  constructor({ file = process.env.ENTRAIDE_SUMMARY_FILE ?? 'summary.txt' }: { file?: string } = {}) {
    this.#file = file
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0
    let failed = unhandledErrors.length
    const skipped: string[] = []
    for (const module of testModules) {
      const tests = [...module.children.allTests()]
      if (module.state() === 'failed' && !tests.some((test) => test.result().state === 'failed')) failed += 1
      for (const test of tests) {
        const result = test.result()
        if (result.state === 'passed') passed += 1
        else if (result.state === 'failed') failed += 1
        else if (result.state === 'skipped')
          skipped.push(result.note ? `${test.fullName} — ${result.note}` : test.fullName)
      }
    }
    const line = `vitest: ${passed} passed, ${failed} failed`
    // How long each file took, longest first, to see where a run's time goes.
    const durations = testModules
      .map((module) => ({
        ms: module.diagnostic().duration,
        name: `${module.project.name} ${path.relative(process.cwd(), module.moduleId)}`,
      }))
      .sort((a, b) => b.ms - a.ms)
      .map(({ ms, name }) => `${(ms / 1000).toFixed(1).padStart(7)} s  ${name}`)
    const lines = [
      ...(skipped.length > 0 ? [`vitest: ${skipped.length} skipped:`, ...skipped.map((name) => `  - ${name}`)] : []),
      line,
    ]
    const dir = path.resolve('test-results')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, this.#file), `${line}\n`)
    writeFileSync(path.join(dir, this.#file.replace(/\.txt$/, '-durations.txt')), `${durations.join('\n')}\n`)
    process.stdout.write(`\n${lines.join('\n')}\n`)
  }
}
