import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { Breadcrumb } from '../../Breadcrumb.tsx'
import { procedureBySlug } from '../../data.ts'
import { widgetScriptSrc } from '../../widgetAsset.ts'
import { WidgetEmbed } from './WidgetEmbed.tsx'

export const dynamic = 'force-dynamic'

type PageProps = {
  params: Promise<{ slug: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

const formatDate = (iso: string | null | undefined): string | null =>
  iso ? new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(iso)) : null

/** `?etape=2` (as people count, from 1) names the second step; the widget counts from 0. */
const stepIndexOf = (value: string | string[] | undefined, stepCount: number): number | null => {
  const raw = Array.isArray(value) ? value[0] : value
  if (!raw || !/^\d{1,3}$/.test(raw)) return null
  const index = Number(raw) - 1
  return index >= 0 && index < stepCount ? index : null
}

export const generateMetadata = async ({ params }: PageProps): Promise<Metadata> => {
  const found = await procedureBySlug((await params).slug)
  return { title: found ? found.procedure.title : 'Démarche introuvable' }
}

const ProcedurePage = async ({ params, searchParams }: PageProps) => {
  const { slug } = await params
  const found = await procedureBySlug(slug)
  if (!found) notFound()
  const { agency, procedure } = found
  const steps = procedure.steps ?? []
  const documents = procedure.requiredDocuments ?? []
  const step = stepIndexOf((await searchParams).etape, steps.length)
  const lastChange = formatDate(procedure.lastOfficialChange)
  const officialUrl = procedure.officialUrl && /^https?:\/\//.test(procedure.officialUrl) ? procedure.officialUrl : null

  return (
    <>
      <Breadcrumb
        current={procedure.title}
        trail={[
          { href: '/', label: 'Accueil' },
          { href: '/demarches', label: 'Toutes les démarches' },
        ]}
      />
      {/* The official part; on a phone the way to the help, which comes after it, stays at the top while it scrolls by. */}
      <div className="procedure-official">
        <h1>{procedure.title}</h1>
        {procedure.summary && <p className="fr-text--lead">{procedure.summary}</p>}
        {agency || lastChange ? (
          <p className="muted">
            {agency ? <>Démarche gérée par {agency.name}. </> : null}
            {lastChange ? <>Dernière modification officielle le {lastChange}.</> : null}
          </p>
        ) : null}
        <p className="help-jump">
          <span className="help-jump__question">Besoin d’aide ?</span>{' '}
          <a href="#entraide">Aller à l’entraide entre usagers</a>
        </p>

        <dl className="facts">
          <div>
            <dt>Coût</dt>
            <dd>{procedure.cost || 'Non précisé'}</dd>
          </div>
          <div>
            <dt>Délai</dt>
            <dd>{procedure.delay || 'Non précisé'}</dd>
          </div>
          <div>
            <dt>Étapes</dt>
            <dd>{steps.length}</dd>
          </div>
        </dl>

        <h2>Les étapes</h2>
        {steps.length === 0 ? (
          <p>Les étapes de cette démarche ne sont pas encore décrites.</p>
        ) : (
          <ol className="steps">
            {steps.map((entry, index) => (
              <li key={index}>
                <h3>{entry.title}</h3>
                {entry.description && <p>{entry.description}</p>}
                <p>
                  <Link href={`/demarches/${procedure.slug}?etape=${index + 1}#entraide`}>
                    Astuces et questions sur cette étape<span className="fr-sr-only"> : {entry.title}</span>
                  </Link>
                </p>
              </li>
            ))}
          </ol>
        )}

        <h2>Pièces à fournir</h2>
        {documents.length === 0 ? (
          <p>Aucune pièce n’est demandée.</p>
        ) : (
          <ul>
            {documents.map((entry, index) => (
              <li key={index}>{entry.document}</li>
            ))}
          </ul>
        )}

        {officialUrl && (
          <p>
            <a className="fr-btn" href={officialUrl} rel="noopener">
              Voir la fiche officielle de la démarche
            </a>
          </p>
        )}
      </div>

      <div className="entraide-host">
        <WidgetEmbed
          label={
            step === null
              ? 'Entraide entre usagers sur toute la démarche'
              : `Entraide entre usagers sur l’étape ${step + 1} : ${steps[step]?.title ?? ''}`
          }
          procedure={procedure.slug}
          scriptSrc={widgetScriptSrc()}
          step={step}
        >
          {step !== null && (
            <div className="fr-callout">
              <p className="fr-callout__text">
                Vous consultez l’entraide sur l’étape {step + 1} : {steps[step]?.title}.{' '}
                <Link href={`/demarches/${procedure.slug}#entraide`}>Voir l’entraide sur toute la démarche</Link>
              </p>
            </div>
          )}
        </WidgetEmbed>
      </div>
    </>
  )
}

export default ProcedurePage
