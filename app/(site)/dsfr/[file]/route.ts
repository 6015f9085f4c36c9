import { readFile } from 'node:fs/promises'
import path from 'node:path'

import { servedDsfrFiles } from '../../dsfrAsset.ts'

/** The installed DSFR package's built files. */
const dsfrDist = path.join(process.cwd(), 'node_modules', '@gouvfr', 'dsfr', 'dist')

/**
 * Serves the DSFR script from the installed package, by name from a fixed
 * list (nothing else of the disk can be asked for); cached a day, since it
 * changes only with the package's version.
 */
export const GET = async (_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> => {
  const { file } = await params
  const type = Object.hasOwn(servedDsfrFiles, file) ? servedDsfrFiles[file] : undefined
  if (!type)
    return new Response('Fichier introuvable.', {
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      status: 404,
    })
  const body = await readFile(path.join(dsfrDist, file))
  return new Response(new Uint8Array(body), {
    headers: { 'Cache-Control': 'public, max-age=86400', 'Content-Type': type },
  })
}
