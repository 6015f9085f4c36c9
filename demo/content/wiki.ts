import type { LexicalRoot } from 'entraide'
import type { DemoAccountKey } from '../accounts.ts'
import { doc, h, p, ul } from '../richText.ts'

/** A wiki page written directly by the editorial team, found again by its slug. */
export type DemoWikiPage = {
  slug: string
  title: string
  /** Slug of the procedure it belongs to, if any. */
  procedure?: string
  body: LexicalRoot
  publishedBy: DemoAccountKey
}

/** Editorial pages; the other wiki pages of the demo come from promoted answers and tips. */
export const demoWikiPages: readonly DemoWikiPage[] = [
  {
    body: doc(
      p(
        'Plusieurs démarches gratuites sont proposées contre paiement par des sites privés qui imitent l’administration : acte de naissance, changement d’adresse sur la carte grise, pré-demande de passeport ou de carte d’identité.',
      ),
      h('Reconnaître un site officiel'),
      ul(
        ['Les sites de l’État se terminent en général par ', { bold: '.gouv.fr' }, ' (ants.gouv.fr, impots.gouv.fr).'],
        ['Service-Public.fr, caf.fr et ameli.fr sont aussi des sites officiels.'],
        ['Un site privé précise souvent, en petits caractères, qu’il n’est pas un service public et qu’il facture des frais : lisez le bas de page avant de payer.'],
      ),
      h('Ce qui est toujours gratuit'),
      ul(
        ['La demande d’acte de naissance.'],
        ['La pré-demande de passeport et de carte d’identité (seul le timbre fiscal est payant).'],
        ['Le changement d’adresse sur la carte grise et sur le service en ligne de Service-Public.fr.'],
      ),
      h('Vous avez déjà payé ?'),
      p(
        'Gardez la facture et signalez le site sur ',
        { text: 'SignalConso', url: 'https://signal.conso.gouv.fr' },
        ', le service de la répression des fraudes. Contactez aussi votre banque si le paiement vous semble abusif.',
      ),
    ),
    publishedBy: 'editor',
    slug: 'demarches-gratuites-eviter-les-sites-payants',
    title: 'Démarches gratuites : éviter les sites payants',
  },
]
