/**
 * The DSFR script (menus, modal dialogs, display settings), served by the
 * site itself from the installed package (see dsfr/[file]/route.ts): no
 * third-party host is asked for anything.
 */
export const dsfrScriptPath = '/dsfr/dsfr.module.min.js'

/** The files of `@gouvfr/dsfr/dist` the site serves, and their types. */
export const servedDsfrFiles: Readonly<Record<string, string>> = {
  'dsfr.module.min.js': 'text/javascript; charset=utf-8',
}
