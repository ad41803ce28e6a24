import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { BlockList, isIP } from 'node:net'

/**
 * Where a webhook may not go (SSRF): the service's own network. Checked when an endpoint is
 * registered and again on every connection, on the address actually connected to (a name that
 * resolved to a public address at registration and to 127.0.0.1 later — DNS rebinding — is
 * refused at connect time).
 */
const FORBIDDEN = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  FORBIDDEN.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64 of any IPv4, including private ones
] as const)
  FORBIDDEN.addSubnet(network, prefix, 'ipv6')

export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) return FORBIDDEN.check(address, 'ipv4')
  if (family === 6) {
    // IPv4-mapped (::ffff:127.0.0.1) is the IPv4 address.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
    if (mapped) return FORBIDDEN.check(mapped[1]!, 'ipv4')
    return FORBIDDEN.check(address, 'ipv6')
  }
  return true
}

export class ForbiddenAddressError extends Error {
  override readonly name = 'ForbiddenAddressError'
  readonly code = 'EWEBHOOKADDRESS'
  constructor(readonly host: string) {
    super(`${host} resolves to a private, loopback or link-local address`)
  }
}

/** dns.lookup's shape, all addresses (injectable: tests resolve names as they like). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  )

/**
 * A `lookup` for net.connect (through the http/https Agent) that refuses forbidden addresses —
 * every address the name resolves to must be allowed, so a mixed answer cannot be raced.
 */
export function guardedLookup(resolver: Resolver, allowPrivate: boolean) {
  return (
    hostname: string,
    options: { all?: boolean; family?: number | string },
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    resolver(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return callback(new Error(`${hostname} has no address`), '', 0)
        if (!allowPrivate && addresses.some((entry) => isForbiddenAddress(entry.address)))
          return callback(new ForbiddenAddressError(hostname), '', 0)
        if (options.all) return callback(null, addresses)
        callback(null, addresses[0]!.address, addresses[0]!.family)
      },
      (error: Error) => callback(error, '', 0),
    )
  }
}

/**
 * The registration-time check of a URL: null when acceptable, otherwise the reason (Spanish, for
 * the 400). A name that does not resolve now is accepted: it is checked again on each connection.
 */
export async function checkTarget(
  url: URL,
  options: { allowPrivate: boolean; requireHttps: boolean; resolver: Resolver },
): Promise<string | null> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'la URL debe ser http o https'
  if (options.requireHttps && url.protocol !== 'https:') return 'en producción la URL debe ser https'
  if (url.username || url.password) return 'la URL no puede llevar usuario ni contraseña'
  if (options.allowPrivate) return null
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  if (isIP(host)) return isForbiddenAddress(host) ? 'la dirección es privada, local o de enlace local' : null
  if (host === 'localhost' || host.endsWith('.localhost'))
    return 'la dirección es privada, local o de enlace local'
  try {
    const addresses = await options.resolver(host)
    if (addresses.some((entry) => isForbiddenAddress(entry.address)))
      return 'el nombre resuelve a una dirección privada, local o de enlace local'
  } catch {
    // Not resolvable now: checked again when connecting.
  }
  return null
}
