import type { Request } from 'express';
import type { TLSSocket } from 'node:tls';

/** The app setting createApplication stores PUBLIC_URL under, so link builders need only the request. */
export const PUBLIC_URL_SETTING = 'public url';

/**
 * The origin links are built with — sign-in links, QR codes, tracking links — without a trailing
 * slash: PUBLIC_URL when configured (production requires it), else the address of the server's
 * own socket the request arrived on (demo and tests: the LAN address a phone used). Never the
 * Host header or X-Forwarded-Host: the client writes those, and a link sent to a customer or
 * printed on a badge must not point wherever the asker chose.
 */
export function linkOrigin(req: Request): string {
  const configured = req.app.get(PUBLIC_URL_SETTING) as string | undefined;
  if (configured) return configured;
  const socket = req.socket;
  const address = socket.localAddress ?? '127.0.0.1';
  const host = address.startsWith('::ffff:') ? address.slice(7) : address.includes(':') ? `[${address}]` : address;
  return `${(socket as TLSSocket).encrypted ? 'https' : 'http'}://${host}:${socket.localPort}`;
}
