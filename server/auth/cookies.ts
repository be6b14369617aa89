/** The staff session cookie. HttpOnly so page scripts never see it; Lax so links from elsewhere still sign in. */
export const SESSION_COOKIE = 'tw_session';

/** Value of one cookie in a `Cookie` header, if present. */
export const readCookie = (header: string | undefined, name: string): string | undefined => {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
};

/** `Set-Cookie` value that stores a session token for `maxAgeSeconds`. */
export const sessionCookie = (token: string, maxAgeSeconds: number, secure = false): string =>
  [`${SESSION_COOKIE}=${encodeURIComponent(token)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join(
    '; ',
  );

/** `Set-Cookie` value that removes the session cookie. */
export const clearedSessionCookie = (secure = false): string =>
  [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT', ...(secure ? ['Secure'] : [])].join('; ');
