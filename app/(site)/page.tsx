import config from '@payload-config'
import Link from 'next/link'
import { getPayload } from 'payload'

export const dynamic = 'force-dynamic'

const HomePage = async () => {
  const payload = await getPayload({ config })
  const { docs } = await payload.find({ collection: 'procedures', depth: 0, limit: 100, sort: 'title' })
  return (
    <main>
      <h1>Démarches en ligne</h1>
      <ul>
        {docs.map((procedure) => (
          <li key={procedure.id}>
            <Link href={`/demarches/${procedure.slug}`}>{procedure.title}</Link>
          </li>
        ))}
      </ul>
      <p>
        <Link href="/admin">Espace agents et contributeurs</Link>
      </p>
    </main>
  )
}

export default HomePage
