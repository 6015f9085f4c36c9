/** A public body of the demo, found again by its slug. */
export type DemoAgency = {
  slug: string
  name: string
  website: string
}

/** The public bodies that own the demo procedures. */
export const demoAgencies: readonly DemoAgency[] = [
  { name: 'Agence nationale des titres sécurisés (ANTS)', slug: 'ants', website: 'https://ants.gouv.fr' },
  { name: 'Direction générale des finances publiques (DGFiP)', slug: 'dgfip', website: 'https://www.impots.gouv.fr' },
  { name: 'Caisse d’allocations familiales (CAF)', slug: 'caf', website: 'https://www.caf.fr' },
  {
    name: 'Direction de l’information légale et administrative (Service-Public.fr)',
    slug: 'dila',
    website: 'https://www.service-public.fr',
  },
  {
    name: 'Mairie — service de l’état civil',
    slug: 'mairie-etat-civil',
    website: 'https://lannuaire.service-public.fr',
  },
]
