import * as migration_20261202_060415_initial from './20261202_060415_initial.ts'

export const migrations = [
  {
    up: migration_20261202_060415_initial.up,
    down: migration_20261202_060415_initial.down,
    name: '20261202_060415_initial',
  },
]
