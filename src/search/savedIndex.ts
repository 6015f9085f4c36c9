import { yieldToEventLoop } from '../utilities/eventLoop.ts'

/**
 * The inverted index as the snapshot keeps it: every term's postings in one
 * Int32Array, read back without being decoded. A restarted process puts one
 * `SavedPostings` per term in MiniSearch's radix tree; each is decoded into
 * MiniSearch's own maps the first time anything reads it (a search on that
 * term, a write touching it, a vacuum), so the start pays for the terms, not
 * for the millions of postings, and a query only for the terms it reads.
 *
 * Layout of one term: `[fields, (fieldId, count, (shortId, frequency) × count) × fields]`.
 */

type FieldPostings = Map<number, number>

/**
 * A term's postings by field, as MiniSearch keeps them (field id → short
 * document id → term frequency), decoded from the saved form on first use.
 * Every read or write of the map decodes it first, so MiniSearch's own code
 * (adding, discarding, vacuuming) sees an ordinary map.
 */
export class SavedPostings extends Map<number, FieldPostings> {
  #saved: Int32Array | undefined
  #start: number
  #end: number

  constructor(saved: Int32Array, start: number, end: number) {
    super()
    this.#saved = saved
    this.#start = start
    this.#end = end
  }

  /** The saved form while the map was not decoded (it is then copied as is when saving again). */
  savedForm(): Int32Array | undefined {
    return this.#saved?.subarray(this.#start, this.#end)
  }

  /** How many (field, document) postings the term has, without decoding them. */
  postingCount(): number {
    const saved = this.#saved
    if (!saved) {
      let count = 0
      for (const documents of super.values()) count += documents.size
      return count
    }
    let count = 0
    const fields = saved[this.#start] ?? 0
    for (let field = 0, at = this.#start + 1; field < fields && at + 1 < this.#end; field += 1) {
      const documents = saved[at + 1] ?? 0
      count += documents
      at += 2 + 2 * documents
    }
    return count
  }

  #decode(): void {
    const saved = this.#saved
    if (!saved) return
    this.#saved = undefined
    const end = this.#end
    const fields = saved[this.#start] ?? 0
    let at = this.#start + 1
    for (let field = 0; field < fields && at + 1 < end; field += 1) {
      const fieldId = saved[at] ?? 0
      const count = saved[at + 1] ?? 0
      at += 2
      const documents: FieldPostings = new Map()
      const last = Math.min(end, at + 2 * count)
      for (; at + 1 < last; at += 2) documents.set(saved[at] ?? 0, saved[at + 1] ?? 0)
      super.set(fieldId, documents)
    }
  }

  override get(key: number): FieldPostings | undefined {
    this.#decode()
    return super.get(key)
  }

  override has(key: number): boolean {
    this.#decode()
    return super.has(key)
  }

  override set(key: number, value: FieldPostings): this {
    this.#decode()
    return super.set(key, value)
  }

  override delete(key: number): boolean {
    this.#decode()
    return super.delete(key)
  }

  override clear(): void {
    this.#saved = undefined
    super.clear()
  }

  override forEach(
    callback: (value: FieldPostings, key: number, map: Map<number, FieldPostings>) => void,
    thisArg?: unknown,
  ): void {
    this.#decode()
    super.forEach(callback, thisArg)
  }

  override entries(): MapIterator<[number, FieldPostings]> {
    this.#decode()
    return super.entries()
  }

  override keys(): MapIterator<number> {
    this.#decode()
    return super.keys()
  }

  override values(): MapIterator<FieldPostings> {
    this.#decode()
    return super.values()
  }

  override [Symbol.iterator](): MapIterator<[number, FieldPostings]> {
    this.#decode()
    return super[Symbol.iterator]()
  }

  static {
    // `size` is an accessor of Map.prototype: it decodes first, like every other read.
    const size = Object.getOwnPropertyDescriptor(Map.prototype, 'size')?.get
    Object.defineProperty(this.prototype, 'size', {
      configurable: true,
      get(this: SavedPostings): number {
        this.#decode()
        return size ? Number(size.call(this)) : 0
      },
    })
  }
}

/** Documents holding a term, every field counted (a document once per field holding it). */
export const postingCountOf = (postings: Map<number, FieldPostings>): number => {
  if (postings instanceof SavedPostings) return postings.postingCount()
  let count = 0
  for (const documents of postings.values()) count += documents.size
  return count
}

/** What `encodePostings` gives: the terms kept, their saved forms one after the other, where each starts. */
export type EncodedPostings = { terms: string[]; postings: Int32Array; starts: Uint32Array }

/**
 * The saved form of every term, in order, with where each one starts
 * (`starts[terms.length]` is the end), made `slice` terms at a time with the
 * event loop served in between, so that requests are answered while a large
 * index is saved. Searches and MiniSearch's vacuum may touch the postings
 * meanwhile (decoding a term's saved form, dropping what a discarded document
 * left): each term is encoded whole as it is when reached, and a term left
 * with no postings at all is left out.
 */
export const encodePostings = async (
  entries: readonly (readonly [string, Map<number, FieldPostings>])[],
  slice: number,
): Promise<EncodedPostings> => {
  let encoded = new Int32Array(Math.max(1024, entries.length * 8))
  let length = 0
  const reserve = (more: number): void => {
    if (length + more <= encoded.length) return
    let capacity = encoded.length * 2
    while (capacity < length + more) capacity *= 2
    const grown = new Int32Array(capacity)
    grown.set(encoded.subarray(0, length))
    encoded = grown
  }
  const terms: string[] = []
  const starts: number[] = []
  for (const [index, [term, postings]] of entries.entries()) {
    if (index > 0 && index % slice === 0) await yieldToEventLoop()
    const saved = postings instanceof SavedPostings ? postings.savedForm() : undefined
    if (saved) {
      terms.push(term)
      starts.push(length)
      reserve(saved.length)
      encoded.set(saved, length)
      length += saved.length
      continue
    }
    if (postings.size === 0) continue
    let size = 1
    for (const documents of postings.values()) size += 2 + 2 * documents.size
    terms.push(term)
    starts.push(length)
    reserve(size)
    encoded[length++] = postings.size
    for (const [fieldId, documents] of postings) {
      encoded[length++] = fieldId
      encoded[length++] = documents.size
      for (const [shortId, frequency] of documents) {
        encoded[length++] = shortId
        encoded[length++] = frequency
      }
    }
  }
  starts.push(length)
  return { postings: encoded.subarray(0, length), starts: Uint32Array.from(starts), terms }
}
