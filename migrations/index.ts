import * as migration_20261202_042240_initial from './20261202_042240_initial.ts'

export const migrations = [
  {
    up: migration_20261202_042240_initial.up,
    down: migration_20261202_042240_initial.down,
    name: '20261202_042240_initial',
  },
]
