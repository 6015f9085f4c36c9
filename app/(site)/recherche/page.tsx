import type { Metadata } from 'next'

import { Breadcrumb } from '../Breadcrumb.tsx'
import { SearchForm } from '../SearchForm.tsx'
import { SearchResults } from './SearchResults.tsx'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Rechercher' }

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const SearchPage = async ({ searchParams }: PageProps) => {
  const raw = (await searchParams).q
  const query = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 200) ?? ''
  return (
    <>
      <Breadcrumb current="Rechercher" trail={[{ href: '/', label: 'Accueil' }]} />
      <h1>{query ? `Rechercher « ${query} »` : 'Rechercher'}</h1>
      <SearchForm query={query} />
      {query ? (
        <SearchResults key={query} query={query} />
      ) : (
        <p>Saisissez ce que vous cherchez : une démarche, une question, une astuce.</p>
      )}
    </>
  )
}

export default SearchPage
