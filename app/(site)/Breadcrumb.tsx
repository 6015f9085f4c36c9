import Link from 'next/link'

/** The demo site's breadcrumb: the pages above this one, as links, then this page. */
export const Breadcrumb = ({ current, trail }: { trail: { href: string; label: string }[]; current: string }) => (
  <nav aria-label="Fil d’Ariane" className="breadcrumb">
    <ol>
      {trail.map(({ href, label }) => (
        <li key={href}>
          <Link href={href}>{label}</Link>
        </li>
      ))}
      <li>
        <span aria-current="page">{current}</span>
      </li>
    </ol>
  </nav>
)
