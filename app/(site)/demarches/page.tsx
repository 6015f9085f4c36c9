import type { Metadata } from 'next'

import { Breadcrumb } from '../Breadcrumb.tsx'
import { proceduresByAgency } from '../data.ts'
import { ProcedureCard } from '../ProcedureCard.tsx'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Toutes les démarches' }

const ProceduresPage = async () => {
  const groups = await proceduresByAgency()
  return (
    <>
      <Breadcrumb current="Toutes les démarches" trail={[{ href: '/', label: 'Accueil' }]} />
      <h1>Toutes les démarches</h1>
      {groups.length === 0 && <p>Aucune démarche n’est encore publiée.</p>}
      {groups.map((group) => (
        <section aria-labelledby={`agence-${group.agency.slug || 'autres'}`} key={group.agency.id}>
          <h2 id={`agence-${group.agency.slug || 'autres'}`}>{group.agency.name}</h2>
          <ul className="cards fr-grid-row fr-grid-row--gutters">
            {group.procedures.map((procedure) => (
              <li className="fr-col-12 fr-col-md-6 fr-col-lg-4" key={procedure.id}>
                <ProcedureCard slug={procedure.slug} summary={procedure.summary} title={procedure.title} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}

export default ProceduresPage
