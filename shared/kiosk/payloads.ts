import type { Locale } from '../domain/ids';
import type { PublicStoreHeader } from '../projections/views';

/**
 * What the kiosk API answers (server/http/kiosk.ts), as types the kiosk page can import
 * without pulling in the server or zod.
 */

/** What a kiosk shows before anyone touches it. */
export interface KioskSetup {
  store: PublicStoreHeader;
  catalogue: { code: string; title: Record<Locale, string>; standardHours: number }[];
  idleSeconds: number;
}

export interface ServiceLine {
  code: string;
  title: Record<Locale, string>;
  standardHours?: number;
}

/** A booking as the confirm screen shows it: enough to recognise it, contact details masked. */
export interface BookingSummary {
  at?: string;
  plate: string;
  customer: string;
  phone: string;
  services: ServiceLine[];
  advisor?: { name: string; desk?: string };
}

/** A booking found by plate + phone digits or by its QR code, and the ticket that checks it in. */
export interface FoundBooking {
  ticket: string;
  booking: BookingSummary;
}

export interface WaitEstimate {
  /** Minutes until work on this car can be expected to start, rounded up to 5 (0 = right away). */
  waitMinutes: number;
  /** Cars checked in before this one that are still waiting for a bay. */
  carsAhead: number;
  /** When the car may be ready: start plus its own standard hours. Only a guess, never a promise. */
  readyAt: string;
}

/** What the Done screen and the printed ticket show. */
export interface CheckInDone {
  queueNumber: string;
  roNumber: string;
  plate: string;
  customer: string;
  phone: string;
  services: ServiceLine[];
  checkedInAt: string;
  estimate: WaitEstimate;
  /** The customer's own tracking page. */
  trackingUrl: string;
  /** The same link as a QR code (SVG data URL), drawn on the server so the page needs no QR library. */
  trackingQr: string;
  pickupDesk?: Record<Locale, string>;
  duplicate?: boolean;
}

/** A delivered visit found for the survey at the kiosk. */
export interface SurveyVisit {
  ticket: string;
  visit: { plate: string; deliveredAt: string; roNumber: string };
}

/** An open "call an advisor" request, as the kiosk is told about it. */
export interface CallAnswer {
  call: { id: string; kioskId: string; at: string } | null;
  repeated: boolean;
}
