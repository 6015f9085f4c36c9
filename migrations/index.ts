import * as migration_20261202_042240_initial from './20261202_042240_initial'
import * as migration_20261202_100528_guide_proposals from './20261202_100528_guide_proposals'
import * as migration_20261202_132829_reverification from './20261202_132829_reverification'
import * as migration_20261202_140211_helpfulness from './20261202_140211_helpfulness'
import * as migration_20261202_143816_notifications from './20261202_143816_notifications'
import * as migration_20261202_165439_email_verification from './20261202_165439_email_verification'
import * as migration_20261202_181305_public_figures from './20261202_181305_public_figures'
import * as migration_20261202_202938_suggestion_finds from './20261202_202938_suggestion_finds'
import * as migration_20261202_210525_digests from './20261202_210525_digests'
import * as migration_20261202_233628_dashboard from './20261202_233628_dashboard'
import * as migration_20261203_001858_search_changes from './20261203_001858_search_changes'
import * as migration_20261203_004933_email_groups from './20261203_004933_email_groups'
import * as migration_20261203_012900_listening_dashboard from './20261203_012900_listening_dashboard'
import * as migration_20261203_042403_published_contributions from './20261203_042403_published_contributions'
import * as migration_20261203_070418_search_leases from './20261203_070418_search_leases'

export const migrations = [
  {
    up: migration_20261202_042240_initial.up,
    down: migration_20261202_042240_initial.down,
    name: '20261202_042240_initial',
  },
  {
    up: migration_20261202_100528_guide_proposals.up,
    down: migration_20261202_100528_guide_proposals.down,
    name: '20261202_100528_guide_proposals',
  },
  {
    up: migration_20261202_132829_reverification.up,
    down: migration_20261202_132829_reverification.down,
    name: '20261202_132829_reverification',
  },
  {
    up: migration_20261202_140211_helpfulness.up,
    down: migration_20261202_140211_helpfulness.down,
    name: '20261202_140211_helpfulness',
  },
  {
    up: migration_20261202_143816_notifications.up,
    down: migration_20261202_143816_notifications.down,
    name: '20261202_143816_notifications',
  },
  {
    up: migration_20261202_165439_email_verification.up,
    down: migration_20261202_165439_email_verification.down,
    name: '20261202_165439_email_verification',
  },
  {
    up: migration_20261202_181305_public_figures.up,
    down: migration_20261202_181305_public_figures.down,
    name: '20261202_181305_public_figures',
  },
  {
    up: migration_20261202_202938_suggestion_finds.up,
    down: migration_20261202_202938_suggestion_finds.down,
    name: '20261202_202938_suggestion_finds',
  },
  {
    up: migration_20261202_210525_digests.up,
    down: migration_20261202_210525_digests.down,
    name: '20261202_210525_digests',
  },
  {
    up: migration_20261202_233628_dashboard.up,
    down: migration_20261202_233628_dashboard.down,
    name: '20261202_233628_dashboard',
  },
  {
    up: migration_20261203_001858_search_changes.up,
    down: migration_20261203_001858_search_changes.down,
    name: '20261203_001858_search_changes',
  },
  {
    up: migration_20261203_004933_email_groups.up,
    down: migration_20261203_004933_email_groups.down,
    name: '20261203_004933_email_groups',
  },
  {
    up: migration_20261203_012900_listening_dashboard.up,
    down: migration_20261203_012900_listening_dashboard.down,
    name: '20261203_012900_listening_dashboard',
  },
  {
    up: migration_20261203_042403_published_contributions.up,
    down: migration_20261203_042403_published_contributions.down,
    name: '20261203_042403_published_contributions',
  },
  {
    up: migration_20261203_070418_search_leases.up,
    down: migration_20261203_070418_search_leases.down,
    name: '20261203_070418_search_leases',
  },
]
