import * as migration_20261202_060415_initial from './20261202_060415_initial'
import * as migration_20261202_100537_guide_proposals from './20261202_100537_guide_proposals'
import * as migration_20261202_132901_reverification from './20261202_132901_reverification'
import * as migration_20261202_140219_helpfulness from './20261202_140219_helpfulness'
import * as migration_20261202_143846_notifications from './20261202_143846_notifications'
import * as migration_20261202_165519_email_verification from './20261202_165519_email_verification'
import * as migration_20261202_181321_public_figures from './20261202_181321_public_figures'
import * as migration_20261202_202954_suggestion_finds from './20261202_202954_suggestion_finds'
import * as migration_20261202_205107_account_emails from './20261202_205107_account_emails'
import * as migration_20261202_210530_digests from './20261202_210530_digests'
import * as migration_20261202_233636_dashboard from './20261202_233636_dashboard'
import * as migration_20261203_001904_search_changes from './20261203_001904_search_changes'
import * as migration_20261203_004939_email_groups from './20261203_004939_email_groups'
import * as migration_20261203_012905_listening_dashboard from './20261203_012905_listening_dashboard'
import * as migration_20261203_042409_published_contributions from './20261203_042409_published_contributions'
import * as migration_20261203_070433_search_leases from './20261203_070433_search_leases'

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
    up: migration_20261202_132901_reverification.up,
    down: migration_20261202_132901_reverification.down,
    name: '20261202_132901_reverification',
  },
  {
    up: migration_20261202_140219_helpfulness.up,
    down: migration_20261202_140219_helpfulness.down,
    name: '20261202_140219_helpfulness',
  },
  {
    up: migration_20261202_143846_notifications.up,
    down: migration_20261202_143846_notifications.down,
    name: '20261202_143846_notifications',
  },
  {
    up: migration_20261202_165519_email_verification.up,
    down: migration_20261202_165519_email_verification.down,
    name: '20261202_165519_email_verification',
  },
  {
    up: migration_20261202_181321_public_figures.up,
    down: migration_20261202_181321_public_figures.down,
    name: '20261202_181321_public_figures',
  },
  {
    up: migration_20261202_202954_suggestion_finds.up,
    down: migration_20261202_202954_suggestion_finds.down,
    name: '20261202_202954_suggestion_finds',
  },
  {
    up: migration_20261202_205107_account_emails.up,
    down: migration_20261202_205107_account_emails.down,
    name: '20261202_205107_account_emails',
  },
  {
    up: migration_20261202_210530_digests.up,
    down: migration_20261202_210530_digests.down,
    name: '20261202_210530_digests',
  },
  {
    up: migration_20261202_233636_dashboard.up,
    down: migration_20261202_233636_dashboard.down,
    name: '20261202_233636_dashboard',
  },
  {
    up: migration_20261203_001904_search_changes.up,
    down: migration_20261203_001904_search_changes.down,
    name: '20261203_001904_search_changes',
  },
  {
    up: migration_20261203_004939_email_groups.up,
    down: migration_20261203_004939_email_groups.down,
    name: '20261203_004939_email_groups',
  },
  {
    up: migration_20261203_012905_listening_dashboard.up,
    down: migration_20261203_012905_listening_dashboard.down,
    name: '20261203_012905_listening_dashboard',
  },
  {
    up: migration_20261203_042409_published_contributions.up,
    down: migration_20261203_042409_published_contributions.down,
    name: '20261203_042409_published_contributions',
  },
  {
    up: migration_20261203_070433_search_leases.up,
    down: migration_20261203_070433_search_leases.down,
    name: '20261203_070433_search_leases',
  },
]
