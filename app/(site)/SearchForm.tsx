/**
 * The site's search box: a plain GET form to the search page, so it works
 * before any script has loaded; the page then asks Entraide's search API.
 * A DSFR input group: label, hint, then the field with its button beside it.
 */
export const SearchForm = ({ query = '' }: { query?: string }) => (
  <form
    action="/recherche"
    aria-label="Rechercher dans les démarches et l’entraide"
    className="site-search"
    method="get"
    role="search"
  >
    <div className="fr-input-group">
      <label className="fr-label" htmlFor="recherche-q">
        Rechercher une démarche, une question, une astuce
      </label>
      <p className="fr-hint-text" id="recherche-q-hint">
        Par exemple : renouveler un passeport, APL, timbre fiscal.
      </p>
      <div className="fr-input-wrap fr-input-wrap--addon">
        <input
          aria-describedby="recherche-q-hint"
          autoComplete="off"
          className="fr-input"
          defaultValue={query}
          id="recherche-q"
          maxLength={200}
          name="q"
          type="search"
        />
        <button className="fr-btn" type="submit">
          Rechercher
        </button>
      </div>
    </div>
  </form>
)
