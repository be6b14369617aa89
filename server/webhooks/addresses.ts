import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may not go (SSRF): loopback, "this host", link-local (which holds the cloud
 * metadata services at 169.254.169.254), other metadata addresses (Alibaba Cloud's 100.100.100.200,
 * AWS's IPv6 fd00:ec2::254), multicast and broadcast. Private LAN ranges (10/8, 172.16/12,
 * 192.168/16, fc00::/7) are allowed: a dealership's DMS is often on the premises. Loopback is
 * allowed only with WEBHOOKS_ALLOW_LOOPBACK=1 (tests, a DMS on the same host).
 *
 * The address is checked after DNS resolution and the connection is made to the address that
 * was checked (the lookup below is the socket's), so a name that resolves differently the second
 * time cannot slip through.
 */

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const never = new BlockList();
never.addSubnet('0.0.0.0', 8, 'ipv4');
never.addSubnet('169.254.0.0', 16, 'ipv4');
never.addAddress('100.100.100.200', 'ipv4');
never.addSubnet('224.0.0.0', 4, 'ipv4');
never.addAddress('255.255.255.255', 'ipv4');
never.addAddress('::', 'ipv6');
never.addSubnet('fe80::', 10, 'ipv6');
never.addSubnet('ff00::', 8, 'ipv6');
never.addAddress('fd00:ec2::254', 'ipv6');

/** An IPv4 address carried inside an IPv6 one (::ffff:a.b.c.d, NAT64 64:ff9b::/96), else undefined. */
function embeddedV4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return undefined;
  const hi = parseInt(hex[1]!, 16),
    lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why a webhook may not be sent to `address` (an IP), or undefined when it may. */
export function refusedAddress(address: string, allowLoopback: boolean): string | undefined {
  const v4 = isIP(address) === 6 ? embeddedV4(address) : undefined;
  const ip = v4 ?? address;
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (isIP(ip) === 0) return `"${address}" is not an IP address`;
  if (loopback.check(ip, family)) return allowLoopback ? undefined : `${address} is a loopback address (set WEBHOOKS_ALLOW_LOOPBACK=1 to allow it)`;
  if (never.check(ip, family)) return `${address} is a link-local, metadata, multicast or unspecified address`;
  return undefined;
}

export class AddressRefused extends Error {
  readonly code = 'ADDRESS_REFUSED';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request that resolves the name and refuses the connection to a refused address. */
export const guardedLookup =
  (allowLoopback: boolean) =>
  (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true, family: typeof options.family === 'number' ? options.family : 0 }, (err, addresses) => {
      if (err) return callback(err, '');
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      for (const a of addresses) {
        const why = refusedAddress(a.address, allowLoopback);
        if (why) return callback(new AddressRefused(`${hostname} resolves to ${why}`), '');
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };

/** Check a URL before it is registered: http(s), and its host (a literal or every address it resolves to) allowed. */
export async function refusedUrl(url: string, allowLoopback: boolean): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'only http and https URLs';
  if (parsed.username || parsed.password) return 'no user name or password in the URL (the signature authenticates us)';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return refusedAddress(host, allowLoopback);
  return new Promise((resolve) => {
    guardedLookup(allowLoopback)(host, { all: true }, (err) =>
      resolve(err ? (err instanceof AddressRefused ? err.message : `${host} cannot be resolved (${err.code ?? err.message})`) : undefined),
    );
  });
}
