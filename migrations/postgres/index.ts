import * as migration_20261202_060415_initial from './20261202_060415_initial'
import * as migration_20261202_100537_guide_proposals from './20261202_100537_guide_proposals'
import * as migration_20261202_143354_reverification_helpfulness_notifications from './20261202_143354_reverification_helpfulness_notifications'

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
  {
    up: migration_20261202_143354_reverification_helpfulness_notifications.up,
    down: migration_20261202_143354_reverification_helpfulness_notifications.down,
    name: '20261202_143354_reverification_helpfulness_notifications',
  },
]
