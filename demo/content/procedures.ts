/** An official procedure of the demo, found again by its slug. */
export type DemoProcedure = {
  slug: string
  title: string
  /** Slug of the agency that owns it. */
  agency: string
  summary: string
  officialUrl: string
  steps: { title: string; description: string }[]
  requiredDocuments: string[]
  cost: string
  delay: string
  /** ISO date of the last change the administration made, when known. */
  lastOfficialChange?: string
}

const servicePublic = (sheet: string): string => `https://www.service-public.fr/particuliers/vosdroits/${sheet}`

/**
 * Eight real procedures with their official steps, documents, cost and delay,
 * as Service-Public.fr describes them for an adult living in France.
 */
export const demoProcedures: readonly DemoProcedure[] = [
  {
    agency: 'ants',
    cost: '86 € en timbre fiscal pour un majeur (42 € de 15 à 17 ans, 17 € avant 15 ans).',
    delay:
      'Variable selon la mairie et la saison : comptez plusieurs semaines pour obtenir un rendez-vous puis pour la fabrication, davantage au printemps et avant l’été.',
    officialUrl: servicePublic('F21091'),
    requiredDocuments: [
      'Numéro de pré-demande ou récapitulatif avec QR code (à défaut, formulaire rempli au guichet)',
      'Photo d’identité de moins de 6 mois conforme aux normes, ou code e-photo d’une cabine ou d’un photographe agréé',
      'Ancien passeport',
      'Justificatif de domicile récent',
      'Timbre fiscal électronique de 86 €',
      'Seulement si l’ancien passeport est périmé depuis plus de 5 ans et sans carte d’identité valide : acte de naissance de moins de 3 mois, sauf si l’état civil de la commune de naissance est vérifié en ligne par la mairie',
    ],
    slug: 'renouveler-un-passeport',
    steps: [
      {
        description:
          'Sur le site de l’ANTS, avec un compte ANTS ou FranceConnect, remplissez la pré-demande de renouvellement de passeport. Notez le numéro de pré-demande ou gardez le récapitulatif avec son QR code. La pré-demande n’est pas obligatoire, mais elle évite de remplir le formulaire papier au guichet.',
        title: 'Faire la pré-demande en ligne',
      },
      {
        description:
          'Le timbre fiscal est uniquement électronique : il s’achète en ligne sur le site des timbres fiscaux, pendant la pré-demande, ou chez un buraliste agréé. Il coûte 86 € pour un majeur. Il reste valable 1 an après l’achat et peut être remboursé dans les 18 mois s’il n’a pas servi.',
        title: 'Acheter le timbre fiscal',
      },
      {
        description:
          'N’importe quelle mairie équipée d’une station d’enregistrement peut recevoir la demande, quel que soit votre domicile. Le moteur de recherche de rendez-vous de l’ANTS affiche les créneaux disponibles. La plupart des mairies reçoivent uniquement sur rendez-vous.',
        title: 'Prendre rendez-vous dans une mairie équipée',
      },
      {
        description:
          'Présentez-vous en personne avec les pièces justificatives. L’agent vérifie le dossier, relève vos empreintes digitales et vous fait signer. Votre présence est obligatoire.',
        title: 'Déposer le dossier et donner ses empreintes',
      },
      {
        description:
          'L’avancement de la fabrication se suit sur le site de l’ANTS. Un SMS ou un courriel vous prévient lorsque le passeport est disponible.',
        title: 'Suivre la fabrication',
      },
      {
        description:
          'Retirez le passeport en personne au guichet où vous avez déposé la demande, dans les 3 mois qui suivent sa mise à disposition. Passé ce délai, il est détruit.',
        title: 'Retirer le passeport',
      },
    ],
    summary:
      'Le passeport d’un adulte est valable 10 ans. Pour le renouveler, on fait une pré-demande en ligne, on achète un timbre fiscal de 86 €, puis on dépose le dossier en personne dans une mairie équipée d’une station biométrique, pas forcément celle de son domicile. Le passeport se retire ensuite au même guichet.',
    title: 'Renouveler un passeport (majeur)',
  },
  {
    agency: 'ants',
    cost: 'Gratuit si vous présentez l’ancienne carte. 25 € en timbre fiscal si vous ne pouvez pas la présenter (perte ou vol).',
    delay:
      'Variable selon la mairie et la saison : comptez plusieurs semaines pour le rendez-vous puis pour la fabrication ; anticipez avant un voyage.',
    lastOfficialChange: '2021-08-02',
    officialUrl: servicePublic('F21089'),
    requiredDocuments: [
      'Ancienne carte d’identité',
      'Photo d’identité de moins de 6 mois conforme aux normes, ou code e-photo',
      'Justificatif de domicile récent',
      'Numéro de pré-demande ou récapitulatif avec QR code (à défaut, formulaire rempli au guichet)',
      'En cas de perte ou de vol : timbre fiscal de 25 € et déclaration de vol (la déclaration de perte se fait au guichet)',
      'Sans ancienne carte ni passeport valide : acte de naissance de moins de 3 mois, sauf si l’état civil de la commune de naissance est vérifié en ligne par la mairie',
    ],
    slug: 'carte-nationale-d-identite',
    steps: [
      {
        description:
          'Sur le site de l’ANTS, avec un compte ANTS ou FranceConnect, remplissez la pré-demande de carte d’identité et notez le numéro ou gardez le QR code. Elle est facultative mais fait gagner du temps au guichet.',
        title: 'Faire la pré-demande en ligne',
      },
      {
        description:
          'Toute mairie équipée d’une station d’enregistrement peut recevoir la demande, quel que soit votre domicile. Cherchez un créneau avec le moteur de recherche de rendez-vous de l’ANTS.',
        title: 'Prendre rendez-vous dans une mairie équipée',
      },
      {
        description:
          'Présentez-vous en personne avec les justificatifs. L’agent relève vos empreintes digitales. En cas de perte, la déclaration de perte est faite au guichet ; en cas de vol, apportez la déclaration faite auprès de la police ou de la gendarmerie.',
        title: 'Déposer le dossier au guichet',
      },
      {
        description:
          'Un SMS ou un courriel vous prévient quand la carte est prête. Retirez-la en personne au même guichet dans les 3 mois ; l’ancienne carte vous est alors demandée.',
        title: 'Retirer la nouvelle carte',
      },
    ],
    summary:
      'La carte d’identité au format carte bancaire est valable 10 ans. Son renouvellement est gratuit si vous rendez l’ancienne carte ; en cas de perte ou de vol, il coûte 25 € en timbre fiscal. La démarche ressemble à celle du passeport : pré-demande en ligne, rendez-vous dans une mairie équipée, prise d’empreintes, puis retrait au guichet.',
    title: 'Renouveler sa carte nationale d’identité (majeur)',
  },
  {
    agency: 'dgfip',
    cost: 'Gratuit.',
    delay:
      'Le service en ligne ouvre en avril ; les dates limites s’échelonnent de fin mai à début juin selon le département. L’avis d’impôt arrive pendant l’été.',
    officialUrl: servicePublic('F358'),
    requiredDocuments: [
      'Numéro fiscal et mot de passe de l’espace particulier, ou identifiants FranceConnect',
      'Dernier avis d’impôt, pour retrouver vos références',
      'Montants annuels des salaires, pensions et allocations chômage, pour contrôler le pré-rempli',
      'Justificatifs des charges qui ouvrent droit à une réduction ou un crédit d’impôt (reçus de dons, frais de garde, emploi à domicile), à conserver en cas de contrôle',
      'Justificatifs de frais réels, si vous choisissez cette option',
    ],
    slug: 'declarer-ses-revenus',
    steps: [
      {
        description:
          'Connectez-vous sur impots.gouv.fr avec votre numéro fiscal et votre mot de passe, ou avec FranceConnect. Si vous déclarez pour la première fois, le site propose un parcours dédié.',
        title: 'Se connecter à son espace particulier',
      },
      {
        description:
          'État civil, adresse, situation de famille, personnes à charge, salaires, pensions, allocations chômage : les montants transmis par les employeurs et les organismes sont déjà remplis. Corrigez ce qui est inexact.',
        title: 'Vérifier les informations pré-remplies',
      },
      {
        description:
          'Ajoutez ce que l’administration ne connaît pas : revenus perçus à l’étranger, revenus de location, pensions alimentaires versées, dons, emploi d’un salarié à domicile, frais de garde des jeunes enfants, frais réels si vous les choisissez.',
        title: 'Compléter les revenus et les charges',
      },
      {
        description:
          'Validez et signez la déclaration en ligne avant la date limite de votre département ; un accusé de réception est disponible dans votre espace. La déclaration papier est réservée à ceux qui ne peuvent pas déclarer en ligne et a une date limite plus précoce.',
        title: 'Signer la déclaration avant la date limite',
      },
      {
        description:
          'L’avis d’impôt est mis en ligne pendant l’été. Un remboursement éventuel est versé à partir de fin juillet ; un solde éventuel est prélevé à partir de fin septembre. Le taux du prélèvement à la source est mis à jour en septembre.',
        title: 'Recevoir l’avis d’impôt',
      },
    ],
    summary:
      'Chaque printemps, chaque foyer fiscal déclare les revenus de l’année précédente, même s’il n’est pas imposable. La déclaration se fait en ligne sur impots.gouv.fr, où la plupart des montants sont déjà pré-remplis. Elle sert à calculer l’impôt définitif et à mettre à jour le taux du prélèvement à la source.',
    title: 'Déclarer ses revenus',
  },
  {
    agency: 'caf',
    cost: 'Gratuit.',
    delay:
      'Le droit s’ouvre au plus tôt le mois qui suit l’entrée dans le logement et ne couvre pas les mois antérieurs à la demande ; l’aide est ensuite versée chaque mois, pour le mois écoulé.',
    lastOfficialChange: '2021-01-01',
    officialUrl: servicePublic('F12006'),
    requiredDocuments: [
      'Bail (contrat de location) et montant du loyer hors charges',
      'Attestation de loyer complétée par le bailleur',
      'Relevé d’identité bancaire (RIB)',
      'Pièce d’identité ; titre de séjour en cours de validité pour les personnes étrangères hors Espace économique européen',
      'Informations sur les ressources du foyer que la CAF ne reçoit pas automatiquement',
    ],
    slug: 'aide-personnalisee-au-logement',
    steps: [
      {
        description:
          'Le simulateur de caf.fr donne une estimation de l’aide, sans engagement. Elle est indicative : seule l’étude de la demande fixe le droit.',
        title: 'Faire une simulation',
      },
      {
        description:
          'Sur caf.fr, avec votre compte allocataire ou en créant un compte, remplissez la demande d’aide au logement : logement, loyer, date d’entrée, personnes qui vivent avec vous et ressources. Faites-la dès l’entrée dans le logement.',
        title: 'Faire la demande en ligne',
      },
      {
        description:
          'La demande comprend une attestation de loyer à faire compléter par le propriétaire ou l’agence. Dans un logement social ou une résidence, le gestionnaire s’en charge souvent.',
        title: 'Faire remplir l’attestation de loyer par le bailleur',
      },
      {
        description:
          'Selon votre situation, la CAF demande une pièce d’identité ou un titre de séjour, un RIB ou des précisions sur vos ressources. Déposez-les depuis votre espace.',
        title: 'Envoyer les justificatifs demandés',
      },
      {
        description:
          'La décision est visible dans votre espace. L’aide est versée chaque mois, à vous ou directement au bailleur qui la déduit du loyer. Elle est recalculée tous les trois mois à partir des ressources des 12 derniers mois.',
        title: 'Recevoir la décision et les versements',
      },
    ],
    summary:
      'Les aides au logement aident les locataires aux ressources modestes à payer leur loyer. Une seule demande en ligne à la CAF couvre les trois aides : l’APL pour les logements conventionnés, sinon l’allocation de logement familiale (ALF) ou sociale (ALS). Le montant dépend du loyer, de la commune, de la composition du foyer et des ressources des 12 derniers mois. Les assurés du régime agricole s’adressent à la MSA.',
    title: 'Demander l’aide personnalisée au logement (APL)',
  },
  {
    agency: 'ants',
    cost:
      'Taxe régionale (nombre de chevaux fiscaux multiplié par le tarif de la région), plus une taxe de gestion de 11 € et une redevance d’acheminement de 2,76 €.',
    delay:
      'À demander dans le mois qui suit l’achat (amende forfaitaire de 135 € au-delà). Certificat provisoire immédiat ; carte définitive envoyée à domicile en général en moins d’une semaine.',
    lastOfficialChange: '2017-11-06',
    officialUrl: servicePublic('F1050'),
    requiredDocuments: [
      'Certificat de cession (cerfa n° 15776) rempli et signé par le vendeur et l’acheteur',
      'Ancienne carte grise barrée avec la mention « Vendu le » ou « Cédé le », la date, l’heure et la signature du vendeur',
      'Code de cession communiqué par le vendeur',
      'Procès-verbal de contrôle technique de moins de 6 mois, si le véhicule a plus de 4 ans',
      'Permis de conduire correspondant à la catégorie du véhicule',
      'Justificatif de domicile de moins de 6 mois',
      'Attestation d’assurance du véhicule',
    ],
    slug: 'certificat-d-immatriculation',
    steps: [
      {
        description:
          'Le vendeur vous remet la carte grise barrée et signée, le certificat de cession signé par vous deux, le code de cession qu’il obtient en déclarant la vente à l’ANTS, le procès-verbal de contrôle technique si le véhicule a plus de 4 ans et un certificat de situation administrative récent, qui montre que le véhicule n’est pas gagé.',
        title: 'Récupérer les documents auprès du vendeur',
      },
      {
        description:
          'Sur le site de l’ANTS, avec un compte ANTS ou FranceConnect, choisissez la démarche pour devenir titulaire d’un véhicule d’occasion, saisissez le numéro d’immatriculation et le code de cession, puis joignez les justificatifs.',
        title: 'Faire la demande en ligne sur le site de l’ANTS',
      },
      {
        description:
          'Les taxes se paient par carte bancaire à la fin de la démarche. Le montant dépend de la puissance fiscale du véhicule et de votre région.',
        title: 'Payer les taxes',
      },
      {
        description:
          'Le certificat provisoire d’immatriculation se télécharge à la fin de la démarche. Il permet de circuler en France pendant un mois, en attendant la carte définitive.',
        title: 'Imprimer le certificat provisoire',
      },
      {
        description:
          'La carte définitive est envoyée à votre adresse par courrier sécurisé. Vérifiez les informations dès réception.',
        title: 'Recevoir la carte grise',
      },
    ],
    summary:
      'Après l’achat d’un véhicule d’occasion, l’acheteur a un mois pour faire établir le certificat d’immatriculation (carte grise) à son nom. La démarche se fait uniquement en ligne, sur le site de l’ANTS ou par un professionnel de l’automobile habilité (service payant). Un certificat provisoire permet de circuler en attendant la carte définitive, envoyée à domicile.',
    title: 'Certificat d’immatriculation (carte grise) d’un véhicule d’occasion',
  },
  {
    agency: 'dila',
    cost: 'Gratuit (la réexpédition du courrier par La Poste est un service payant facultatif).',
    delay:
      'Carte grise : dans le mois qui suit le déménagement, sous peine d’une amende forfaitaire de 135 €. Autres organismes : le plus tôt possible, pour ne pas interrompre vos droits.',
    officialUrl: servicePublic('F14128'),
    requiredDocuments: [
      'Ancienne et nouvelle adresse, date du déménagement',
      'Vos identifiants auprès des organismes à prévenir (références d’allocataire, fiscales, de sécurité sociale, de client)',
      'Pour la carte grise : numéro d’immatriculation et numéro de formule du certificat',
      'Justificatif de domicile à la nouvelle adresse, demandé par certains organismes',
    ],
    slug: 'changement-d-adresse',
    steps: [
      {
        description:
          'Rassemblez vos références auprès de chaque organisme (CAF, Assurance maladie, impôts, caisse de retraite, France Travail, fournisseurs d’énergie) : elles servent à retrouver votre dossier.',
        title: 'Préparer ses références',
      },
      {
        description:
          'Sur Service-Public.fr, avec un compte Service-Public ou FranceConnect, utilisez le service de changement d’adresse en ligne : indiquez la nouvelle adresse et la date du déménagement, puis cochez les organismes à prévenir. Chacun traite ensuite le changement de son côté.',
        title: 'Déclarer la nouvelle adresse en ligne',
      },
      {
        description:
          'Le changement d’adresse sur la carte grise est obligatoire dans le mois et gratuit, en ligne sur le site de l’ANTS. Pour les premiers changements, vous recevez une étiquette à coller sur la carte ; ensuite, une nouvelle carte est éditée.',
        title: 'Mettre à jour la carte grise',
      },
      {
        description:
          'Si vous changez de commune, inscrivez-vous sur les listes électorales de la nouvelle commune, en ligne ou en mairie. Si vous restez dans la même commune, signalez la nouvelle adresse pour être rattaché au bon bureau de vote.',
        title: 'S’inscrire sur les listes électorales',
      },
      {
        description:
          'Employeur, banque, assurance habitation, mutuelle, opérateur internet, établissements scolaires : ils ne sont pas tous couverts par le service en ligne. La carte d’identité et le passeport n’ont pas à être refaits.',
        title: 'Prévenir les autres interlocuteurs',
      },
    ],
    summary:
      'Quand on déménage, le service en ligne gratuit de Service-Public.fr permet de déclarer sa nouvelle adresse en une fois à plusieurs organismes : CAF, Assurance maladie, caisses de retraite, France Travail, impôts, fournisseurs d’énergie… Certaines démarches restent à faire à part, comme la carte grise, obligatoire dans le mois, et l’inscription sur les listes électorales.',
    title: 'Déclarer un changement d’adresse',
  },
  {
    agency: 'mairie-etat-civil',
    cost: 'Gratuit.',
    delay: 'Immédiat au guichet ; quelques jours par courrier ou en ligne, selon la mairie et l’acheminement.',
    officialUrl: servicePublic('F1427'),
    requiredDocuments: [
      'Nom, prénoms, date et lieu de naissance de la personne concernée',
      'Noms et prénoms de ses parents, pour une copie intégrale ou un extrait avec filiation',
      'Au guichet : une pièce d’identité ; pour l’acte d’un proche, un justificatif du lien de parenté (livret de famille par exemple)',
    ],
    slug: 'acte-de-naissance',
    steps: [
      {
        description:
          'Pour une carte d’identité ou un passeport, la mairie vérifie souvent l’état civil directement en ligne auprès de la commune de naissance : aucun acte n’est alors à fournir. Renseignez-vous avant de le demander.',
        title: 'Vérifier si l’acte est vraiment nécessaire',
      },
      {
        description:
          'La copie intégrale reprend tout l’acte et ses mentions. L’extrait avec filiation indique aussi les parents. Ces deux documents sont réservés à la personne concernée, ses parents et grands-parents, ses enfants, son époux ou épouse et son représentant légal. L’extrait sans filiation peut être demandé par toute personne.',
        title: 'Choisir le type d’acte',
      },
      {
        description:
          'Adressez la demande à la mairie de la commune de naissance : en ligne par le service de demande d’acte de naissance si la commune y participe (ou sur le site de la mairie), par courrier sur papier libre, ou au guichet. Les Français nés à l’étranger s’adressent au Service central d’état civil du ministère des affaires étrangères, à Nantes, en ligne.',
        title: 'Faire la demande',
      },
      {
        description:
          'Au guichet, l’acte est remis immédiatement. Sinon, il est envoyé par courrier, en général en quelques jours.',
        title: 'Recevoir l’acte',
      },
    ],
    summary:
      'Un acte de naissance se demande gratuitement à la mairie de la commune de naissance, en ligne, par courrier ou au guichet. Les Français nés à l’étranger s’adressent au Service central d’état civil, à Nantes. Il existe trois documents : la copie intégrale, l’extrait avec filiation et l’extrait sans filiation.',
    title: 'Obtenir un acte de naissance',
  },
  {
    agency: 'ants',
    cost: 'Gratuit (la photo-signature numérique reste à votre charge).',
    delay:
      'Demande à déposer dans l’année qui suit le début de votre résidence en France ; l’instruction prend souvent plusieurs mois.',
    lastOfficialChange: '2020-08-04',
    officialUrl: servicePublic('F1460'),
    requiredDocuments: [
      'Permis de conduire étranger en cours de validité, recto et verso',
      'Traduction officielle en français du permis, s’il n’est pas rédigé en français',
      'Justificatif d’identité et titre de séjour (ou visa long séjour valant titre de séjour)',
      'Justificatif de domicile de moins de 6 mois',
      'Photo-signature numérique (code e-photo) d’une cabine ou d’un photographe agréé',
      'Selon le cas, preuve de votre résidence dans le pays de délivrance au moment de l’obtention du permis',
    ],
    slug: 'echange-de-permis-de-conduire-etranger',
    steps: [
      {
        description:
          'Le permis doit être valide, avoir été obtenu dans le pays où vous aviez votre résidence normale, et ce pays doit pratiquer l’échange réciproque des permis avec la France (la liste officielle précise les catégories concernées). Les étudiants étrangers titulaires d’un titre de séjour étudiant n’ont pas à l’échanger pendant leurs études.',
        title: 'Vérifier que l’échange est possible',
      },
      {
        description:
          'Numérisez le permis recto et verso, sa traduction officielle si besoin, votre titre de séjour et un justificatif de domicile, et faites réaliser une photo-signature numérique.',
        title: 'Préparer les pièces justificatives',
      },
      {
        description:
          'Sur le site permis de conduire de l’ANTS, avec un compte ANTS ou FranceConnect, choisissez la demande d’échange de permis étranger, répondez aux questions et déposez les pièces.',
        title: 'Faire la demande en ligne sur le site de l’ANTS',
      },
      {
        description:
          'Quand l’administration le demande, envoyez votre permis original par lettre recommandée. Vous recevez une attestation de dépôt sécurisée qui vous permet de continuer à conduire en France pendant l’instruction.',
        title: 'Envoyer le permis original quand il est demandé',
      },
      {
        description:
          'Suivez l’avancement dans votre espace ANTS. Le permis français est fabriqué puis envoyé à votre domicile.',
        title: 'Recevoir le permis français',
      },
    ],
    summary:
      'Un permis délivré hors de l’Union européenne et de l’Espace économique européen est reconnu en France pendant un an à partir du début de votre résidence. Pour continuer à conduire, il faut l’échanger contre un permis français, ce qui n’est possible que si le pays pratique l’échange réciproque avec la France. La demande se fait en ligne sur le site de l’ANTS et elle est gratuite.',
    title: 'Échanger un permis de conduire obtenu hors d’Europe',
  },
]
