import type { LexicalNode, ReportReason } from 'entraide'
import type { DemoAccountKey } from '../accounts.ts'
import { p } from '../richText.ts'

/** An up (1) or down (-1) vote cast by a demo account. */
export type DemoVote = { by: DemoAccountKey; value: 1 | -1 }

/**
 * A report on a contribution. With `hiddenBy`, an editor then hides the item
 * and the report is resolved; without it, the report stays open.
 */
export type DemoReport = {
  by: DemoAccountKey
  reason: ReportReason
  note: string
  hiddenBy?: { by: DemoAccountKey; note: string }
}

/** A tip, found again by its procedure and body. */
export type DemoTip = {
  procedure: string
  /** Index of the procedure step the tip is about. */
  step?: number
  body: string
  author: DemoAccountKey
  /** How long ago it was posted, for realistic dates. */
  daysAgo: number
  /** Awaiting moderation, as a newcomer's first contributions are. */
  isPending?: boolean
  validatedBy?: DemoAccountKey
  /** Promoted into a new wiki draft, left for an editor to publish. */
  promotion?: { by: DemoAccountKey; title: string }
  votes?: DemoVote[]
  reports?: DemoReport[]
}

/** An answer in a demo thread. */
export type DemoAnswer = {
  body: string
  author: DemoAccountKey
  daysAgo: number
  votes?: DemoVote[]
}

/** A question, found again by its procedure and title, and where the loop took it. */
export type DemoThread = {
  procedure: string
  step?: number
  title: string
  body: string
  author: DemoAccountKey
  daysAgo: number
  isPending?: boolean
  answers: DemoAnswer[]
  /** Index of the answer the asker accepts. */
  accepted?: number
  /** An agent (or editor) validates this answer. */
  validation?: { answer: number; by: DemoAccountKey; note: string }
  /**
   * The validated answer is promoted into a wiki draft, which an editor
   * completes with an introduction and a closing paragraph, then publishes.
   */
  promotion?: {
    answer: number
    by: DemoAccountKey
    title: string
    publishedBy: DemoAccountKey
    intro: LexicalNode[]
    outro: LexicalNode[]
  }
  /** A moderator locks the thread (status `closed`). */
  lock?: { by: DemoAccountKey; reason: string }
  votes?: DemoVote[]
}

/** Tips on several procedures: on a step or not, validated, promoted, pending, reported, hidden. */
export const demoTips: readonly DemoTip[] = [
  {
    author: 'thomas',
    body: 'Faites la pré-demande avant de chercher un rendez-vous et gardez le récapitulatif avec le QR code sur votre téléphone : au guichet, l’agent le scanne et le dossier est prêt en quelques minutes.',
    daysAgo: 20,
    procedure: 'renouveler-un-passeport',
    step: 0,
    validatedBy: 'agentAnts',
    votes: [
      { by: 'camille', value: 1 },
      { by: 'editor', value: 1 },
    ],
  },
  {
    author: 'camille',
    body: 'Les rendez-vous ne dépendent pas de votre domicile. En élargissant la recherche aux communes voisines sur le moteur de l’ANTS, j’ai trouvé un créneau à trois semaines au lieu de trois mois. Des créneaux se libèrent aussi la veille : revenez voir le soir.',
    daysAgo: 15,
    procedure: 'renouveler-un-passeport',
    step: 2,
    validatedBy: 'agentAnts',
    votes: [{ by: 'thomas', value: 1 }],
  },
  {
    author: 'thomas',
    body: 'Achetez plusieurs timbres fiscaux d’avance quand vous passez chez le buraliste : ils ne se périment jamais, ils serviront pour toute la famille.',
    daysAgo: 9,
    procedure: 'renouveler-un-passeport',
    reports: [
      {
        by: 'camille',
        note: 'Le timbre électronique n’est valable qu’un an après l’achat (remboursable dans les 18 mois) : ce conseil peut faire perdre de l’argent.',
        reason: 'wrong-information',
      },
    ],
    step: 1,
    votes: [{ by: 'camille', value: -1 }],
  },
  {
    author: 'thomas',
    body: 'Votre carte d’identité délivrée entre 2004 et 2013 paraît périmée mais reste valable 15 ans ? Avant de partir à l’étranger, vérifiez sur la fiche pays de France Diplomatie que votre destination l’accepte ; sinon, voyagez avec un passeport valide.',
    daysAgo: 25,
    procedure: 'carte-nationale-d-identite',
    promotion: { by: 'agentAnts', title: 'Voyager avec une carte d’identité prolongée' },
    validatedBy: 'agentAnts',
    votes: [{ by: 'camille', value: 1 }],
  },
  {
    author: 'camille',
    body: 'Même avec une déclaration automatique, ouvrez le récapitulatif : j’y ai vu que la naissance de ma fille n’était pas prise en compte. Dans ce cas, il faut déclarer en ligne avant la date limite.',
    daysAgo: 30,
    procedure: 'declarer-ses-revenus',
    votes: [
      { by: 'thomas', value: 1 },
      { by: 'editor', value: 1 },
    ],
  },
  {
    author: 'thomas',
    body: 'Faites la demande d’aide au logement dès la signature du bail, même s’il manque encore des papiers : l’aide ne couvre pas les mois antérieurs à la demande, et vous pourrez compléter le dossier ensuite.',
    daysAgo: 18,
    procedure: 'aide-personnalisee-au-logement',
    step: 1,
    validatedBy: 'agentCaf',
    votes: [
      { by: 'camille', value: 1 },
      { by: 'agentCaf', value: 1 },
    ],
  },
  {
    author: 'ines',
    body: 'Dans le simulateur de la CAF, indiquez le loyer hors charges : avec les charges comprises, l’estimation est trop haute.',
    daysAgo: 2,
    isPending: true,
    procedure: 'aide-personnalisee-au-logement',
    step: 0,
  },
  {
    author: 'thomas',
    body: 'Faites la déclaration de cession avec le vendeur, devant le véhicule : il la remplit en quelques minutes sur son téléphone et vous repartez avec le code de cession, indispensable pour votre demande en ligne.',
    daysAgo: 12,
    procedure: 'certificat-d-immatriculation',
    step: 0,
    votes: [{ by: 'camille', value: 1 }],
  },
  {
    author: 'camille',
    body: 'Le changement d’adresse sur la carte grise est gratuit : si un site vous demande de payer pour cette démarche, ce n’est pas le site officiel de l’ANTS.',
    daysAgo: 6,
    procedure: 'changement-d-adresse',
    step: 2,
  },
  {
    author: 'thomas',
    body: 'Pour un dossier de mariage, demandez l’acte de naissance au plus tôt deux mois avant le dépôt : il doit souvent dater de moins de trois mois le jour où vous remettez le dossier.',
    daysAgo: 21,
    procedure: 'acte-de-naissance',
    validatedBy: 'editor',
  },
  {
    author: 'camille',
    body: 'Pour échanger votre permis étranger, prenez rendez-vous à la préfecture avec votre permis original et deux photos d’identité.',
    daysAgo: 40,
    procedure: 'echange-de-permis-de-conduire-etranger',
    reports: [
      {
        by: 'thomas',
        hiddenBy: {
          by: 'editor',
          note: 'Information dépassée : depuis août 2020, la demande d’échange se fait en ligne sur le site de l’ANTS, plus en préfecture.',
        },
        note: 'Depuis 2020 la demande se fait en ligne sur le site de l’ANTS, plus en préfecture.',
        reason: 'wrong-information',
      },
    ],
  },
]

const officialSheet = (sheet: string) => ({
  text: 'la fiche officielle sur Service-Public.fr',
  url: `https://www.service-public.fr/particuliers/vosdroits/${sheet}`,
})

/**
 * Questions in every state: open with and without answers, answered
 * (accepted), resolved (validated), promoted into a published wiki page,
 * locked, and one awaiting moderation.
 */
export const demoThreads: readonly DemoThread[] = [
  {
    accepted: 0,
    answers: [
      {
        author: 'thomas',
        body: 'Non, dans la plupart des cas. Pour un renouvellement, votre passeport actuel suffit à prouver votre identité s’il est encore valide ou périmé depuis moins de 5 ans.\n\nDe plus, si l’état civil de votre commune de naissance est dématérialisé, la mairie vérifie elle-même votre acte en ligne : vous n’avez rien à demander. Service-Public.fr permet de vérifier si votre commune l’est.\n\nL’acte de naissance (copie intégrale ou extrait avec filiation de moins de 3 mois) n’est demandé que si l’ancien passeport est périmé depuis plus de 5 ans, sans carte d’identité valide, et que la commune de naissance n’est pas dématérialisée.',
        daysAgo: 13,
        votes: [
          { by: 'camille', value: 1 },
          { by: 'agentAnts', value: 1 },
          { by: 'editor', value: 1 },
          { by: 'admin', value: 1 },
        ],
      },
    ],
    author: 'camille',
    body: 'Mon passeport expire en juin et je pars en août. Sur un forum, on m’a dit qu’il fallait une copie intégrale d’acte de naissance de moins de 3 mois.\nEst-ce vraiment obligatoire pour un simple renouvellement ?',
    daysAgo: 14,
    procedure: 'renouveler-un-passeport',
    promotion: {
      answer: 0,
      by: 'agentAnts',
      intro: [p('Question fréquente posée par les usagers ; la réponse a été vérifiée par un agent de l’ANTS.')],
      outro: [p('Pour en savoir plus : ', officialSheet('F21091'), '.')],
      publishedBy: 'editor',
      title: 'Renouveler son passeport : faut-il un acte de naissance ?',
    },
    title: 'Faut-il fournir un acte de naissance pour renouveler son passeport ?',
    validation: {
      answer: 0,
      by: 'agentAnts',
      note: 'Exact. Si vous faites ajouter un nom d’usage à cette occasion, apportez aussi le justificatif correspondant (acte de mariage par exemple).',
    },
    votes: [{ by: 'thomas', value: 1 }],
  },
  {
    accepted: 0,
    answers: [
      {
        author: 'camille',
        body: 'Oui en France : les cartes délivrées à une personne majeure entre 2004 et 2013 sont valables 15 ans au lieu de 10, sans que la date imprimée change. La vôtre est donc valable jusqu’en 2027.\n\nPour l’étranger, chaque pays décide : consultez la fiche du pays sur France Diplomatie avant de partir. Si votre destination ne l’accepte pas et que vous n’avez pas de passeport valide, vous pouvez demander une nouvelle carte en justifiant de votre voyage.',
        daysAgo: 9,
        votes: [{ by: 'thomas', value: 1 }],
      },
    ],
    author: 'thomas',
    body: 'Ma carte d’identité a été faite en 2012, quand j’étais majeur. La date imprimée est dépassée depuis 2022.\nPuis-je encore l’utiliser en France, et pour un week-end en Espagne ?',
    daysAgo: 10,
    procedure: 'carte-nationale-d-identite',
    title: 'Ma carte d’identité a expiré il y a trois ans : est-elle encore valable ?',
  },
  {
    accepted: 0,
    answers: [
      {
        author: 'thomas',
        body: 'Tant que la date limite de votre département n’est pas passée, vous pouvez reprendre la déclaration en ligne autant de fois que nécessaire : ajoutez les frais de garde des enfants de moins de 6 ans et signez à nouveau. Seule la dernière version compte.\n\nSi la date limite est dépassée, le service de correction en ligne ouvre après la réception de l’avis d’impôt, pendant l’été, jusqu’à mi-décembre.\n\nLes frais de crèche donnent droit à un crédit d’impôt de 50 %, dans la limite d’un plafond par enfant : gardez l’attestation de la crèche.',
        daysAgo: 33,
        votes: [
          { by: 'camille', value: 1 },
          { by: 'admin', value: 1 },
        ],
      },
    ],
    author: 'camille',
    body: 'J’ai signé ma déclaration en ligne la semaine dernière et je m’aperçois que je n’ai pas indiqué les frais de crèche de mon fils, qui a 2 ans. La date limite n’est pas encore passée.\nEst-ce que je peux encore modifier, ou faut-il attendre l’avis d’impôt ?',
    daysAgo: 34,
    procedure: 'declarer-ses-revenus',
    title: 'J’ai oublié de déclarer les frais de crèche, puis-je corriger ma déclaration ?',
    validation: {
      answer: 0,
      by: 'editor',
      note: 'Confirmé. Déclarez les frais nets des aides reçues pour la garde (complément de libre choix du mode de garde, aide de l’employeur).',
    },
  },
  {
    accepted: 0,
    answers: [
      {
        author: 'thomas',
        body: 'Chacun fait sa propre demande sur caf.fr, avec son propre compte. Chaque colocataire déclare sa part du loyer (ici 350 € hors charges si vous partagez à parts égales) et ses propres ressources : l’aide est calculée pour chacun.\n\nLe bailleur remplit une attestation de loyer pour chaque colocataire. Faites les demandes dès l’entrée dans le logement.',
        daysAgo: 19,
        votes: [
          { by: 'camille', value: 1 },
          { by: 'agentCaf', value: 1 },
        ],
      },
      {
        author: 'editor',
        body: 'Une précision : si deux d’entre vous forment un couple, ils font une seule demande ensemble, pour leur part commune du loyer.',
        daysAgo: 18,
        votes: [{ by: 'thomas', value: 1 }],
      },
    ],
    author: 'camille',
    body: 'Nous emménageons à trois dans un appartement en colocation, avec un seul bail signé par nous trois. Le loyer est de 1 050 € hors charges.\nFaut-il faire une seule demande ou chacun la sienne ?',
    daysAgo: 20,
    procedure: 'aide-personnalisee-au-logement',
    title: 'Colocation : chaque colocataire peut-il demander l’aide au logement ?',
    validation: {
      answer: 0,
      by: 'agentCaf',
      note: 'C’est bien cela. Les plafonds de loyer retenus sont propres à la colocation ; la simulation en tient compte.',
    },
  },
  {
    answers: [
      {
        author: 'camille',
        body: 'Le montant est bien recalculé tous les trois mois, à partir des ressources des 12 derniers mois. Mais pour un salaire, la CAF reçoit les montants automatiquement : je n’ai jamais eu de déclaration trimestrielle à faire pour l’aide au logement.\nIl faut seulement signaler les changements de situation (déménagement, mise en couple, naissance…).',
        daysAgo: 3,
      },
    ],
    author: 'thomas',
    body: 'Je touche l’aide au logement depuis janvier. Une amie m’a dit que le montant change tous les trois mois et qu’il faut envoyer ses revenus à la CAF à chaque fois.\nJe suis salarié en CDI : dois-je faire quelque chose ?',
    daysAgo: 4,
    procedure: 'aide-personnalisee-au-logement',
    title: 'Faut-il déclarer ses ressources tous les trois mois pour garder l’APL ?',
  },
  {
    accepted: 0,
    answers: [
      {
        author: 'thomas',
        body: 'Le code de cession est créé quand le vendeur déclare la vente sur le site de l’ANTS. Demandez-lui de se connecter : s’il a déjà fait la déclaration, le code figure dans son espace et sur l’accusé d’enregistrement ; sinon, il doit la faire maintenant (il a 15 jours pour cela).\nUne fois le code reçu, faites votre demande : vous avez un mois après l’achat.',
        daysAgo: 7,
        votes: [
          { by: 'camille', value: 1 },
          { by: 'agentAnts', value: 1 },
        ],
      },
    ],
    author: 'camille',
    body: 'J’ai acheté une voiture d’occasion à un particulier samedi. J’ai la carte grise barrée et le certificat de cession signé, mais pas de code de cession.\nLe site de l’ANTS me le demande : que faire ?',
    daysAgo: 8,
    procedure: 'certificat-d-immatriculation',
    step: 1,
    title: 'Le vendeur ne m’a pas donné le code de cession, comment faire ma carte grise ?',
  },
  {
    accepted: 0,
    answers: [
      {
        author: 'agentAnts',
        body: 'Oui, même sans changer de commune : le changement d’adresse sur la carte grise est obligatoire dans le mois qui suit le déménagement. Il est gratuit et se fait en ligne sur le site de l’ANTS. Pour les premiers changements, vous recevez une étiquette à coller sur la carte grise.',
        daysAgo: 15,
        votes: [{ by: 'thomas', value: 1 }],
      },
    ],
    author: 'thomas',
    body: 'Je change d’appartement mais je reste dans la même commune.\nDois-je quand même changer l’adresse sur la carte grise, et est-ce payant ?',
    daysAgo: 16,
    lock: {
      by: 'editor',
      reason: 'Question fréquente, réponse complète de l’ANTS reprise dans le guide du changement d’adresse : la discussion est fermée.',
    },
    procedure: 'certificat-d-immatriculation',
    title: 'Je déménage dans la même ville : dois-je modifier ma carte grise ?',
  },
  {
    answers: [],
    author: 'camille',
    body: 'J’ai fait ma demande d’échange sur le site de l’ANTS il y a quatre mois et envoyé mon permis original ; j’ai reçu l’attestation de dépôt sécurisée.\nQuel est le délai en ce moment ? Et que faire si l’attestation arrive à expiration avant le permis ?',
    daysAgo: 1,
    procedure: 'echange-de-permis-de-conduire-etranger',
    step: 4,
    title: 'Échange de permis québécois : combien de temps pour recevoir le permis français ?',
  },
  {
    answers: [],
    author: 'ines',
    body: 'Je dois fournir un acte de naissance pour mon mariage. En cherchant sur internet, je suis tombée sur un site qui demande 29,90 € pour l’envoyer en 48 heures.\nEst-ce le vrai prix ?',
    daysAgo: 1,
    isPending: true,
    procedure: 'acte-de-naissance',
    title: 'Un site me demande 29,90 € pour un acte de naissance, est-ce normal ?',
  },
]
