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
  /** The email to the owner of an address someone tried to sign up with again. */
  known: {
    subject: string
    /** `{{site}}` is the site's address. */
    intro: string
    signIn: string
    /** Followed by the address of the page that sends a reset link. */
    reset: string
    ignore: string
  }
  /** What a sign-up is answered, new address or not: an email went there. */
  signUpSent: string
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
    known: {
      subject: 'Someone asked for an account with your email address',
      intro:
        'Someone, perhaps you, asked to create an account on {{site}} with this email address. It already has an account, so nothing was created and nothing changed.',
      signIn: 'If it was you, sign in with your usual password.',
      reset: 'If you forgot it, get a new one here:',
      ignore: 'If it was not you, ignore this email: your account stays as it is.',
    },
    signUpSent:
      'An email is on its way to this address: open the link it holds to finish. Nothing arrived? Look in your spam folder.',
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
    known: {
      subject: 'Une demande de compte avec votre adresse e-mail',
      intro:
        'Quelqu’un, peut-être vous, a demandé à créer un compte sur {{site}} avec cette adresse e-mail. Elle a déjà un compte\u00a0: rien n’a été créé ni modifié.',
      signIn: 'Si c’était vous, connectez-vous avec votre mot de passe habituel.',
      reset: 'Si vous l’avez oublié, obtenez-en un nouveau ici\u00a0:',
      ignore: 'Si ce n’était pas vous, ignorez ce message\u00a0: votre compte reste tel quel.',
    },
    signUpSent:
      'Un e-mail part vers cette adresse\u00a0: ouvrez le lien qu’il contient pour terminer. Rien reçu\u00a0? Regardez dans les indésirables.',
  },
}
