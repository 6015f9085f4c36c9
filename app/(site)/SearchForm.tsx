/**
 * The site's search box: a plain GET form to the search page, so it works
 * before any script has loaded; the page then asks Entraide's search API.
 */
export const SearchForm = ({ query = '' }: { query?: string }) => (
  <form
    action="/recherche"
    aria-label="Rechercher dans les démarches et l’entraide"
    className="site-search"
    method="get"
    role="search"
  >
    <label htmlFor="recherche-q">Rechercher une démarche, une question, une astuce</label>
    <span className="hint" id="recherche-q-hint">
      Par exemple : renouveler un passeport, APL, timbre fiscal.
    </span>
    <div className="site-search__row">
      <input
        aria-describedby="recherche-q-hint"
        autoComplete="off"
        defaultValue={query}
        id="recherche-q"
        maxLength={200}
        name="q"
        type="search"
      />
      <button className="button" type="submit">
        Rechercher
      </button>
    </div>
  </form>
)
