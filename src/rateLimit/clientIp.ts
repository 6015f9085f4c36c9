/**
 * Which proxies in front of the app may be believed about the client address:
 * - `0` (the default) or `[]`: none. Forwarding headers are ignored, since
 *   anyone can send them; the address is unknown.
 * - a number N: exactly N reverse proxies, each appending the address it
 *   received the request from to `X-Forwarded-For`; the client is the Nth
 *   entry from the right.
 * - a list of proxy addresses and CIDR ranges (`'10.0.0.0/8'`, `'fd00::/8'`),
 *   or the names `'loopback'`, `'private'`, `'linklocal'`: entries are read
 *   from the right, skipping trusted proxies; the first other one is the client.
 *   Entries that are not addresses or ranges are ignored.
 * Either way the app must be reachable only through those proxies: a request
 * reaching it directly could claim any address.
 */
export type TrustedProxies = number | readonly string[]

/** Options of {@link getClientIp} and {@link clientIpKey}. */
export type ClientIpOptions = {
  /** @default 0 (trust no proxy) */
  trustedProxies?: TrustedProxies
  /**
   * The header holding the chain of addresses, for proxies that use another
   * one (`x-real-ip`, `cf-connecting-ip`).
   * @default 'x-forwarded-for'
   */
  header?: string
}

type Address = { version: 4 | 6; bytes: number[] }
type Range = { address: Address; prefixLength: number }

const namedRanges: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
}

/**
 * The client's IP address, read from forwarding headers only as far as
 * `trustedProxies` allows, or `undefined` when it cannot be known.
 */
export function getClientIp(headers: Headers, { trustedProxies = 0, header = 'x-forwarded-for' }: ClientIpOptions = {}): string | undefined {
  const chain = (headers.get(header) ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  if (typeof trustedProxies === 'number') {
    if (trustedProxies <= 0 || chain.length < trustedProxies) {
      return undefined
    }
    return normalizeAddress(chain[chain.length - trustedProxies] ?? '')
  }
  const ranges = trustedProxies
    .flatMap((entry) => namedRanges[entry] ?? [entry])
    .map(parseRange)
    .filter((range) => range !== undefined)
  if (ranges.length === 0) {
    return undefined
  }
  for (let index = chain.length - 1; index >= 0; index--) {
    const address = normalizeAddress(chain[index] ?? '')
    if (address === undefined) {
      // A garbled hop: nothing left of it can be trusted.
      return undefined
    }
    const parsed = parseAddress(address)
    if (parsed === undefined || !ranges.some((range) => isInRange(parsed, range))) {
      return address
    }
  }
  return undefined
}

/**
 * The key per-IP limits count against: the client address, with IPv6
 * addresses cut to their /64 network, since one subscriber usually holds a
 * whole /64 and could otherwise change address at every request. When the
 * address is unknown it is `fallbackKey`, shared by every such client.
 */
export function clientIpKey(
  headers: Headers,
  { fallbackKey = 'unknown', ...options }: ClientIpOptions & { /** @default 'unknown' */ fallbackKey?: string } = {},
): string {
  const ip = getClientIp(headers, options)
  const parsed = ip === undefined ? undefined : parseAddress(ip)
  if (ip === undefined || parsed === undefined) {
    return fallbackKey
  }
  if (parsed.version === 4) {
    return ip
  }
  const hextets = []
  for (let index = 0; index < 8; index += 2) {
    hextets.push((((parsed.bytes[index] ?? 0) << 8) | (parsed.bytes[index + 1] ?? 0)).toString(16))
  }
  return `${hextets.join(':')}::/64`
}

/**
 * A forwarded entry as a bare address: without port, brackets or quotes, and
 * IPv4-mapped IPv6 (`::ffff:1.2.3.4`) given as IPv4. `undefined` when it is
 * not an IP address (`unknown`, an obfuscated name).
 */
function normalizeAddress(entry: string): string | undefined {
  let value = entry.replace(/^"|"$/g, '')
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value)
  if (bracketed?.[1] !== undefined) {
    value = bracketed[1]
  } else if (/^[\d.]+:\d+$/.test(value)) {
    value = value.slice(0, value.lastIndexOf(':'))
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value)
  if (mapped?.[1] !== undefined) {
    value = mapped[1]
  }
  const parsed = parseAddress(value)
  if (parsed === undefined) {
    return undefined
  }
  return parsed.version === 4 ? value : value.toLowerCase()
}

function parseIpv4(value: string): number[] | undefined {
  const parts = value.split('.')
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) {
    return undefined
  }
  return parts.map(Number)
}

function parseAddress(value: string): Address | undefined {
  const ipv4 = parseIpv4(value)
  if (ipv4 !== undefined) {
    return { version: 4, bytes: ipv4 }
  }
  const halves = value.split('::')
  if (halves.length > 2 || value === '') {
    return undefined
  }
  const toWords = (half: string): number[] | undefined => {
    if (half === '') {
      return []
    }
    const words: number[] = []
    const pieces = half.split(':')
    for (const [index, piece] of pieces.entries()) {
      const embedded = index === pieces.length - 1 ? parseIpv4(piece) : undefined
      if (embedded !== undefined) {
        words.push(((embedded[0] ?? 0) << 8) | (embedded[1] ?? 0), ((embedded[2] ?? 0) << 8) | (embedded[3] ?? 0))
      } else if (/^[\da-f]{1,4}$/i.test(piece)) {
        words.push(Number.parseInt(piece, 16))
      } else {
        return undefined
      }
    }
    return words
  }
  const head = toWords(halves[0] ?? '')
  const tail = toWords(halves[1] ?? '')
  if (head === undefined || tail === undefined) {
    return undefined
  }
  const missing = 8 - head.length - tail.length
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) {
    return undefined
  }
  const words = [...head, ...Array.from({ length: halves.length === 2 ? missing : 0 }, () => 0), ...tail]
  return { version: 6, bytes: words.flatMap((word) => [word >> 8, word & 0xff]) }
}

function parseRange(entry: string): Range | undefined {
  const [addressPart = '', prefixPart] = entry.split('/')
  const address = parseAddress(addressPart)
  if (address === undefined) {
    return undefined
  }
  const maximum = address.version === 4 ? 32 : 128
  const prefixLength = prefixPart === undefined ? maximum : Number(prefixPart)
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > maximum) {
    return undefined
  }
  return { address, prefixLength }
}

function isInRange(address: Address, range: Range): boolean {
  if (address.version !== range.address.version) {
    return false
  }
  for (let bit = 0; bit < range.prefixLength; bit++) {
    const byte = bit >> 3
    const mask = 0x80 >> (bit & 7)
    if (((address.bytes[byte] ?? 0) & mask) !== ((range.address.bytes[byte] ?? 0) & mask)) {
      return false
    }
  }
  return true
}
