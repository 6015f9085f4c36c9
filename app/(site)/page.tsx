import Link from 'next/link'

import { mostAskedProcedures } from './data.ts'
import { ProcedureCard } from './ProcedureCard.tsx'
import { SearchForm } from './SearchForm.tsx'

export const dynamic = 'force-dynamic'

const HomePage = async () => {
  const procedures = await mostAskedProcedures(6)
  return (
    <>
      <h1>Vos démarches, avec l’aide des autres usagers</h1>
      <p className="fr-text--lead">
        Sur chaque page de démarche, retrouvez les étapes officielles et, juste en dessous, un espace d’entraide : la
        réponse officielle, un guide simplifié écrit par les usagers, leurs astuces et leurs questions, validées par des
        agents publics.
      </p>
      <SearchForm />
      <h2>Les démarches les plus demandées</h2>
      {procedures.length === 0 ? (
        <p>Aucune démarche n’est encore publiée.</p>
      ) : (
        <ul className="cards fr-grid-row fr-grid-row--gutters">
          {procedures.map((procedure) => (
            <li className="fr-col-12 fr-col-md-6 fr-col-lg-4" key={procedure.id}>
              <ProcedureCard
                detail={
                  procedure.questions === 0
                    ? 'Pas encore de question des usagers'
                    : procedure.questions === 1
                      ? '1 question des usagers'
                      : `${procedure.questions} questions des usagers`
                }
                slug={procedure.slug}
                summary={procedure.summary}
                title={procedure.title}
              />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/demarches">Voir toutes les démarches, par administration</Link>
      </p>
      <h2>Vous êtes agent public ou contributeur ?</h2>
      <p>
        Validez les réponses des usagers, vérifiez les guides et publiez les pages officielles depuis l’
        <a href="/admin">espace agents et contributeurs</a>.
      </p>
    </>
  )
}

export default HomePage
