import { buildAppConfig } from './setup/appConfig'

// The demo application: Entraide on the embedded defaults, with the options a
// public-service website would choose.
export default buildAppConfig({
  entraide: {
    moderation: { preModeratedContributions: 2, reportsToHide: 3, trustedReputation: 50 },
  },
})
