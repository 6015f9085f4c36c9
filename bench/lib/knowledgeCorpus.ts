import type { KnowledgeDocument, KnowledgeType } from '../../src/search/types.ts'
import { commonWords, frenchText, topics } from './frenchText.ts'

// ---------------------------------------------------------------- corpus

const agencies = [
  'ants',
  'dgfip',
  'caf',
  'cpam',
  'france-travail',
  'urssaf',
  'msa',
  'prefecture',
  'mairie',
  'anah',
  'crous',
  'ofii',
]
const knowledgeMix: [KnowledgeType, number, number][] = [
  // type, share, text length in words
  ['procedure', 0.02, 260],
  ['guide', 0.1, 420],
  ['wiki', 0.08, 340],
  ['tip', 0.4, 50],
  ['thread', 0.4, 150],
]

/** `size` generated French-like knowledge documents, the same for the same seed. */
export const generateCorpus = (size: number, seed = 42): KnowledgeDocument[] => {
  const { pick, random, sentence, text } = frenchText(seed)
  const procedures = Array.from({ length: 80 }, (_, index) => {
    const topic = topics[index % topics.length] ?? []
    const title = `${pick(commonWords, 'demande')} ${pick(topic, 'dossier')} ${pick(topic, 'dossier')}`
    return {
      id: index + 1,
      slug: `procedure-${index + 1}`,
      title: title.charAt(0).toUpperCase() + title.slice(1),
      topic,
    }
  })
  const documents: KnowledgeDocument[] = []
  for (let index = 0; index < size; index += 1) {
    let roll = random()
    const [type, , words] = knowledgeMix.find(([, share]) => (roll -= share) < 0) ?? ['tip', 0, 50]
    const procedure = random() < 0.9 ? pick(procedures, undefined) : undefined
    const topic = procedure?.topic ?? pick(topics, [])
    documents.push({
      id: `${type}s-${index + 1}`,
      type,
      title: sentence(topic).slice(0, 80).replace(/\.$/, ''),
      text: text(topic, words),
      procedure: procedure ? { id: procedure.id, slug: procedure.slug, title: procedure.title } : null,
      agency: procedure
        ? (agencies[procedure.id % agencies.length] ?? null)
        : random() < 0.5
          ? pick(agencies, null)
          : null,
      isOfficial: type === 'procedure' || (type === 'wiki' && random() < 0.7),
      isValidated: type !== 'procedure' && random() < 0.3,
      score: Math.floor(random() * 20) - 3,
      updatedAt: Date.UTC(2024, 0, 1) + Math.floor(random() * 365 * 86_400_000),
      url: `/entraide/${type}s/${index + 1}`,
    })
  }
  return documents
}
