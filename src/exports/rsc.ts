// The `entraide/rsc` entry: the admin panel's server components, referenced
// in the config as `entraide/rsc#Name` and resolved through the host's import map.
export { GuidePublishButton } from '../admin/GuidePublishButton.tsx'
export { GuideReviewNotice } from '../admin/GuideReviewNotice.tsx'
export { GuideVerificationField } from '../admin/GuideVerificationField.tsx'
export { ModerationField } from '../admin/ModerationField.tsx'
export { NavLinks } from '../admin/NavLinks.tsx'
export { ProvenanceField } from '../admin/ProvenanceField.tsx'
export { ValidationField } from '../admin/ValidationField.tsx'
export { WaitingWork } from '../admin/WaitingWork.tsx'
export { WikiPublishButton } from '../admin/WikiPublishButton.tsx'
export { AwaitingValidationView } from '../admin/views/AwaitingValidationView.tsx'
export { GuideReviewsView } from '../admin/views/GuideReviewsView.tsx'
export { ModerationView } from '../admin/views/ModerationView.tsx'
