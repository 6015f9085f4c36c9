import type { Role } from 'entraide'

/** The demo people, by the short name the demo content refers to them with. */
export type DemoAccountKey = 'camille' | 'thomas' | 'ines' | 'agentAnts' | 'agentCaf' | 'editor' | 'admin'

/** A demo sign-in, printed at start and listed in the README. */
export type DemoAccount = {
  key: DemoAccountKey
  email: string
  password: string
  role: Role
  /** Shown publicly next to contributions. */
  displayName: string
  /** Slug of the agency an agent works for; null for everyone else. */
  agency: string | null
  /** What this account shows in the demo, in French. */
  purpose: string
}

/**
 * One demo account per role, and three citizens: one who asks, one trusted
 * contributor who answers, and a newcomer whose first contributions wait for
 * moderation. Emails use the reserved `.example` domain; passwords are simple
 * on purpose and must never be used outside a demo.
 */
export const demoAccounts: readonly DemoAccount[] = [
  {
    agency: null,
    displayName: 'Camille M.',
    email: 'camille@entraide.example',
    key: 'camille',
    password: 'demo-citoyen',
    purpose: 'Citoyenne récente : pose des questions ; ses modifications de guide attendent une relecture.',
    role: 'citizen',
  },
  {
    agency: null,
    displayName: 'Thomas N.',
    email: 'thomas@entraide.example',
    key: 'thomas',
    password: 'demo-citoyen',
    purpose: 'Contributeur de confiance : ses réponses ont été acceptées et validées, il publie directement.',
    role: 'citizen',
  },
  {
    agency: null,
    displayName: 'Inès D.',
    email: 'ines@entraide.example',
    key: 'ines',
    password: 'demo-citoyen',
    purpose: 'Nouvelle inscrite : ses premières contributions attendent la modération d’un agent ou d’une éditrice.',
    role: 'citizen',
  },
  {
    agency: 'ants',
    displayName: 'Nadia B.',
    email: 'agent.ants@entraide.example',
    key: 'agentAnts',
    password: 'demo-agent',
    purpose: 'Agente de l’ANTS : valide et promeut les contenus sur les titres (passeport, carte d’identité, carte grise, permis).',
    role: 'agent',
  },
  {
    agency: 'caf',
    displayName: 'Karim L.',
    email: 'agent.caf@entraide.example',
    key: 'agentCaf',
    password: 'demo-agent',
    purpose: 'Agent de la CAF : valide les réponses sur les aides au logement ; refusé sur les autres démarches.',
    role: 'agent',
  },
  {
    agency: null,
    displayName: 'Sophie R.',
    email: 'editrice@entraide.example',
    key: 'editor',
    password: 'demo-editeur',
    purpose: 'Éditrice : publie les pages du wiki et les révisions de guides, modère les signalements.',
    role: 'editor',
  },
  {
    agency: null,
    displayName: 'Admin Entraide',
    email: 'admin@entraide.example',
    key: 'admin',
    password: 'demo-admin',
    purpose: 'Administrateur : gère les comptes et les rôles.',
    role: 'admin',
  },
]

/** The demo account with this key. */
export const demoAccount = (key: DemoAccountKey): DemoAccount => {
  const account = demoAccounts.find((candidate) => candidate.key === key)
  if (!account) throw new Error(`Unknown demo account "${key}".`)
  return account
}

/** The demo sign-ins as printable lines: role, email / password, name. */
export const formatDemoSignIns = (accounts: readonly DemoAccount[] = demoAccounts): string[] => {
  const width = Math.max(...accounts.map((account) => account.email.length))
  return accounts.map(
    (account) =>
      `${account.role.padEnd(8)} ${account.email.padEnd(width)}  ${account.password.padEnd(13)} ${account.displayName}`,
  )
}
