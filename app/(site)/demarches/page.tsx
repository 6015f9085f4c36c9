import type { Metadata } from 'next'
import Link from 'next/link'

import { Breadcrumb } from '../Breadcrumb.tsx'
import { proceduresByAgency } from '../data.ts'

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
          <ul className="cards">
            {group.procedures.map((procedure) => (
              <li className="card" key={procedure.id}>
                <h3>
                  <Link href={`/demarches/${procedure.slug}`}>{procedure.title}</Link>
                </h3>
                {procedure.summary && <p>{procedure.summary}</p>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}

export default ProceduresPage
