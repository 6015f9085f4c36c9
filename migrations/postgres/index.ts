import * as migration_20261202_060415_initial from './20261202_060415_initial.ts'
import * as migration_20261202_100537_guide_proposals from './20261202_100537_guide_proposals.ts'

export const migrations = [
  {
    up: migration_20261202_060415_initial.up,
    down: migration_20261202_060415_initial.down,
    name: '20261202_060415_initial',
  },
  {
    up: migration_20261202_100537_guide_proposals.up,
    down: migration_20261202_100537_guide_proposals.down,
    name: '20261202_100537_guide_proposals',
  },
]
