/** The words of the email that confirms a sign-up's address, and of the page its link opens. */
export type AccountStrings = {
  subject: string
  greeting: string
  /** `{{name}}` is the person's public name, `{{site}}` the site's address. */
  intro: string
  action: string
  ignore: string
  pageTitle: string
  pageAsk: string
  confirmed: string
  invalid: string
  back: string
}

export const accountStrings: Record<'fr' | 'en', AccountStrings> = {
  en: {
    action: 'Confirm my email address',
    back: 'Back to the site',
    confirmed:
      'Your email address is confirmed. You can now sign in and take part: ask, answer, share tips, vote and report.',
    greeting: 'Hello {{name}},',
    ignore: 'If you did not create this account, ignore this email: without confirmation, the account stays unusable.',
    intro: 'You created an account on {{site}}. Confirm your email address to sign in and take part:',
    invalid:
      'This link is not valid or was already used. If your address is already confirmed, sign in; otherwise, reset your password: following the link of that email confirms your address too.',
    pageAsk: 'Confirm that this email address is yours to finish creating your account.',
    pageTitle: 'Confirm your email address',
    subject: 'Confirm your email address',
  },
  fr: {
    action: 'Confirmer mon adresse e-mail',
    back: 'Retour au site',
    confirmed:
      'Votre adresse e-mail est confirmée. Vous pouvez maintenant vous connecter et participer\u00a0: poser des questions, répondre, partager des astuces, voter et signaler.',
    greeting: 'Bonjour {{name}},',
    ignore:
      'Si vous n’avez pas créé ce compte, ignorez ce message\u00a0: sans confirmation, le compte reste inutilisable.',
    intro:
      'Vous avez créé un compte sur {{site}}. Confirmez votre adresse e-mail pour vous connecter et participer\u00a0:',
    invalid:
      'Ce lien n’est pas valide ou a déjà servi. Si votre adresse est déjà confirmée, connectez-vous\u00a0; sinon, réinitialisez votre mot de passe\u00a0: suivre le lien de ce message confirme aussi votre adresse.',
    pageAsk: 'Confirmez que cette adresse e-mail est bien la vôtre pour terminer la création de votre compte.',
    pageTitle: 'Confirmer votre adresse e-mail',
    subject: 'Confirmez votre adresse e-mail',
  },
}
