import type { PayloadRequest } from 'payload'

import { findDocByID } from '../data/local.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import type { ID } from '../utilities/ids.ts'
import type { NotificationEvent } from './events.ts'

/** What a notification quotes of its subject and where its link goes (a path on the host website, or a full URL). */
export type SubjectSummary = { title: string; link: string | null }

const excerptLength = 80

const excerpt = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= excerptLength ? flat : `${flat.slice(0, excerptLength - 1).trimEnd()}…`
}

const procedurePath = async (req: PayloadRequest, procedure: ID | null): Promise<string | null> => {
  if (procedure === null) return null
  const found = await findDocByID({ collection: 'procedures', id: procedure, req })
  return found ? optionsOf(req.payload).procedureUrl(found.slug) : null
}

const withAnchor = (path: string | null, anchor: string): string | null => (path === null ? null : `${path}#${anchor}`)

/**
 * The public title and the link of an event's subject, read with system
 * rights when the job runs: the item's title (a question's, a guide's), never
 * a person's name or email. Null when the item is gone.
 */
export const summarizeSubject = async (req: PayloadRequest, event: NotificationEvent): Promise<SubjectSummary | null> => {
  const { collection, id } = event.subject
  const summary = await summarizeItem(req, collection, id)
  if (!summary || !event.linkTo) return summary
  const page = await findDocByID({ collection: 'wiki-pages', draft: true, id: event.linkTo.id, req })
  if (!page) return summary
  const own = optionsOf(req.payload).search.wikiPageUrl({ id: page.id, slug: page.slug })
  return { ...summary, link: own ?? withAnchor(await procedurePath(req, page.procedure), `entraide-wiki-${String(page.id)}`) }
}

const summarizeItem = async (
  req: PayloadRequest,
  collection: NotificationEvent['subject']['collection'],
  id: ID,
): Promise<SubjectSummary | null> => {
  switch (collection) {
    case 'answers': {
      const answer = await findDocByID({ collection, id, req })
      if (!answer) return null
      const thread = answer.thread === null ? null : await findDocByID({ collection: 'threads', id: answer.thread, req })
      return {
        link: withAnchor(await procedurePath(req, answer.procedure), `entraide-answer-${String(answer.id)}`),
        title: thread?.title ?? excerpt(answer.body),
      }
    }
    case 'threads': {
      const thread = await findDocByID({ collection, id, req })
      if (!thread) return null
      return { link: withAnchor(await procedurePath(req, thread.procedure), `entraide-thread-${String(thread.id)}`), title: thread.title }
    }
    case 'tips': {
      const tip = await findDocByID({ collection, id, req })
      if (!tip) return null
      return { link: withAnchor(await procedurePath(req, tip.procedure), `entraide-tip-${String(tip.id)}`), title: excerpt(tip.body) }
    }
    case 'guide-proposals': {
      const proposal = await findDocByID({ collection, id, req })
      if (!proposal) return null
      return { link: await procedurePath(req, proposal.procedure), title: proposal.title }
    }
    case 'guides': {
      const guide = await findDocByID({ collection, id, req })
      if (!guide) return null
      return { link: await procedurePath(req, guide.procedure), title: guide.title }
    }
    case 'procedures': {
      const procedure = await findDocByID({ collection, id, req })
      if (!procedure) return null
      return { link: optionsOf(req.payload).procedureUrl(procedure.slug), title: procedure.title }
    }
    case 'wiki-pages': {
      const page = await findDocByID({ collection, draft: true, id, req })
      if (!page) return null
      return { link: await procedurePath(req, page.procedure), title: page.title }
    }
  }
}
