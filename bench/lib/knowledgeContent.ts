import { randomBytes } from 'node:crypto'

import { commitTransaction, createLocalReq, initTransaction, type Payload } from 'payload'

import type { ID } from '../../src/utilities/ids.ts'
import { lexicalRoot, plainTextToNodes } from '../../src/utilities/lexical.ts'
import { commonWords, frenchText, topics } from './frenchText.ts'
import { idOrFail } from './measure.ts'

export type SeedCounts = { items: number; publicItems: number; answers: number; seconds: number }

// Writes `size` items straight through the database adapter (no hooks, so no
// sync jobs: the reindex measured next builds the index), in transactions of
// a few hundred rows. Mix: 2% procedures, 2% guides (one per procedure), 6%
// wiki pages, 45% tips, 45% questions with 0 to 3 answers; 5% of the
// community items pending or hidden, 5% of guides and pages drafts.
export const seedContent = async (payload: Payload, size: number): Promise<SeedCounts> => {
  const startedAt = performance.now()
  const text = frenchText(size, { rareWords: 20_000 })
  const g = {
    ...text,
    below: (max: number) => Math.floor(text.random() * max),
    chance: (probability: number) => text.random() < probability,
  }
  const req = await createLocalReq({}, payload)
  let inBatch = 0
  const write = async <T>(work: () => Promise<T>): Promise<T> => {
    if (inBatch === 0) await initTransaction(req)
    const result = await work()
    inBatch += 1
    if (inBatch >= 500) {
      await commitTransaction(req)
      inBatch = 0
    }
    return result
  }
  const agencies: ID[] = []
  for (const slug of ['ants', 'dgfip', 'caf', 'cpam', 'france-travail', 'prefecture', 'mairie', 'crous']) {
    const agency: unknown = await write(() =>
      payload.db.create({ collection: 'agencies', data: { name: slug.toUpperCase(), slug }, req }),
    )
    agencies.push(idOrFail(agency))
  }
  const procedureCount = Math.max(8, Math.round(size * 0.02))
  const procedures: { id: ID; topic: string[] }[] = []
  let items = 0
  let publicItems = 0
  let answers = 0
  for (let index = 0; index < procedureCount; index += 1) {
    const topic = topics[index % topics.length] ?? []
    const procedure: unknown = await write(() =>
      payload.db.create({
        collection: 'procedures',
        data: {
          agency: g.pick(agencies, ''),
          slug: `procedure-${index + 1}`,
          // Array rows need the ids Payload's hooks would have given them.
          steps: Array.from({ length: 4 }, () => ({
            description: g.text(topic, 30),
            id: randomBytes(12).toString('hex'),
            title: g.sentence(topic).slice(0, 60),
          })),
          summary: g.text(topic, 60),
          title: `${g.pick(commonWords, 'demande')} ${g.pick(topic, 'dossier')} ${index + 1}`,
        },
        req,
      }),
    )
    procedures.push({ id: idOrFail(procedure), topic })
    items += 1
    publicItems += 1
  }
  for (const { id, topic } of procedures.slice(0, Math.round(size * 0.02))) {
    const isPublished = !g.chance(0.05)
    await write(() =>
      payload.db.create({
        collection: 'guides',
        data: {
          _status: isPublished ? 'published' : 'draft',
          body: lexicalRoot(plainTextToNodes(g.text(topic, 420))),
          procedure: id,
          score: 0,
          title: g.sentence(topic).slice(0, 80),
        },
        req,
      }),
    )
    items += 1
    if (isPublished) publicItems += 1
  }
  const visibility = (): 'published' | 'pending' | 'hidden' =>
    g.chance(0.95) ? 'published' : g.chance(0.5) ? 'pending' : 'hidden'
  const rest = size - items
  for (let index = 0; index < rest; index += 1) {
    const procedure = g.pick(procedures, { id: '', topic: [] })
    const roll = index / rest
    if (roll < 0.06) {
      const isPublished = !g.chance(0.05)
      await write(() =>
        payload.db.create({
          collection: 'wiki-pages',
          data: {
            _status: isPublished ? 'published' : 'draft',
            body: lexicalRoot(plainTextToNodes(g.text(procedure.topic, 340))),
            procedure: procedure.id,
            slug: `page-${index}`,
            title: g.sentence(procedure.topic).slice(0, 80),
          },
          req,
        }),
      )
      if (isPublished) publicItems += 1
    } else if (roll < 0.53) {
      const state = visibility()
      await write(() =>
        payload.db.create({
          collection: 'tips',
          data: {
            body: g.text(procedure.topic, 50).slice(0, 1000),
            procedure: procedure.id,
            score: 0,
            visibility: state,
          },
          req,
        }),
      )
      if (state === 'published') publicItems += 1
    } else {
      const state = visibility()
      const thread: unknown = await write(() =>
        payload.db.create({
          collection: 'threads',
          data: {
            body: g.text(procedure.topic, 100).slice(0, 5000),
            procedure: procedure.id,
            score: 0,
            status: 'open',
            title: g.sentence(procedure.topic).slice(0, 190).padEnd(12, '.'),
            visibility: state,
          },
          req,
        }),
      )
      const replies = g.chance(0.7) ? 1 + g.below(3) : 0
      for (let reply = 0; reply < replies; reply += 1) {
        const isKept = reply === 0 && g.chance(0.5)
        await write(() =>
          payload.db.create({
            collection: 'answers',
            data: {
              body: g.text(procedure.topic, 60).slice(0, 5000),
              isAccepted: isKept,
              procedure: procedure.id,
              score: 0,
              thread: idOrFail(thread),
              validatedAt: isKept && g.chance(0.5) ? new Date().toISOString() : null,
              visibility: 'published',
            },
            req,
          }),
        )
        answers += 1
      }
      if (state === 'published') publicItems += 1
    }
    items += 1
  }
  if (inBatch > 0) await commitTransaction(req)
  return { answers, items, publicItems, seconds: (performance.now() - startedAt) / 1000 }
}

