import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';

/**
 * Signed, stateless codes of the kiosk, in the same shape as server/auth/tokens.ts
 * (`base64url(JSON).base64url(HMAC-SHA256)`) with their own purpose labels, so none of them can
 * be replayed as a session or display token, or as one another.
 *
 * - **appointment code**: printed as a QR in the booking message. Names the store and the
 *   appointment, nothing personal; whether it still works follows the appointment's status.
 * - **check-in ticket**: what the kiosk holds between "we found your appointment" and "check
 *   in": proof that both facts matched, for ten minutes, so the confirm step needs no second lookup.
 * - **survey ticket**: the same for answering the survey of a delivered car at the kiosk.
 */
type Purpose = 'kiosk.appointment' | 'kiosk.check-in' | 'kiosk.survey';

/** Scanned appointment codes start with this, so the kiosk can tell them from anything else scanned. */
export const APPOINTMENT_CODE_PREFIX = 'TWA1.';
export const TICKET_TTL_MS = 10 * 60_000;

const mac = (key: Buffer, purpose: Purpose, body: string) => createHmac('sha256', key).update(`${purpose}.${body}`).digest();

const sign = (key: Buffer, purpose: Purpose, payload: object): string => {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${mac(key, purpose, body).toString('base64url')}`;
};

const verify = <T>(key: Buffer, purpose: Purpose, token: string, schema: z.ZodType<T>): T | undefined => {
  if (token.length > 1024) return undefined;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, purpose, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

const AppointmentCodeSchema = z.object({ s: IdSchema, a: IdSchema });

/** The text of an appointment's QR code. */
export const appointmentCode = (key: Buffer, storeId: string, appointmentId: string): string =>
  APPOINTMENT_CODE_PREFIX + sign(key, 'kiosk.appointment', { s: storeId, a: appointmentId });

/** The store and appointment a scanned code names, or undefined for anything forged or foreign. */
export const readAppointmentCode = (key: Buffer, scanned: string): { storeId: string; appointmentId: string } | undefined => {
  const at = scanned.indexOf(APPOINTMENT_CODE_PREFIX);
  if (at < 0) return undefined;
  const claims = verify(key, 'kiosk.appointment', scanned.slice(at + APPOINTMENT_CODE_PREFIX.length).trim(), AppointmentCodeSchema);
  return claims && { storeId: claims.s, appointmentId: claims.a };
};

const TicketSchema = z.object({ s: IdSchema, id: IdSchema, exp: z.number().int() });

export interface Ticket {
  storeId: string;
  /** The appointment (check-in) or repair order (survey) the lookup found. */
  id: string;
}

export const issueTicket = (key: Buffer, purpose: 'check-in' | 'survey', ticket: Ticket, now = Date.now()): string =>
  sign(key, `kiosk.${purpose}`, { s: ticket.storeId, id: ticket.id, exp: now + TICKET_TTL_MS });

export const readTicket = (key: Buffer, purpose: 'check-in' | 'survey', token: string, now = Date.now()): Ticket | undefined => {
  const claims = verify(key, `kiosk.${purpose}`, token, TicketSchema);
  return claims && claims.exp > now ? { storeId: claims.s, id: claims.id } : undefined;
};
