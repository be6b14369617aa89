import type { Locale } from '../domain/ids';
import type { MaskedName } from '../domain/mask';
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
  /** Masked, in both page languages. */
  customer: MaskedName;
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
  /** The live ETA's p50 (shared/eta), as every other screen shows it; absent once the car no longer waits. Never a promise. */
  readyAt?: string;
  /** The live ETA's p80: "at the latest". */
  readyLatestAt?: string;
}

/** What the Done screen and the printed ticket show. */
export interface CheckInDone {
  queueNumber: string;
  roNumber: string;
  plate: string;
  /** Masked, in both page languages. */
  customer: MaskedName;
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
  /** The log's seq when the call stood open: ask for its answer after it (GET …/calls/:callId?since=). */
  since: number;
}

/** Whether a kiosk's call was answered, and by whom (surname and title, in both languages). */
export interface CallStatus {
  state: 'open' | 'answered' | 'unknown';
  by?: { 'zh-CN': string; en: string };
}
