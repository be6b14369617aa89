import type { Country } from '../../shared/domain/plate-rules';
import { plateProblemCode } from '../../shared/domain/plate-rules';
import type { Salutation } from '../../shared/domain/people';
import type { KioskKey } from '../../shared/i18n/kiosk';
import type { CheckInDone, FoundBooking, SurveyVisit } from '../../shared/kiosk/payloads';
import { walkInPhone } from '../../shared/kiosk/walk-in-phone';

/**
 * The kiosk's screens and what the customer has typed, as plain data with pure moves between
 * them, so the flow can be tested without a browser and "wipe everything" is one assignment.
 */
export type Mode = 'appointment' | 'walk-in' | 'survey';
export type Screen = 'start' | 'plate' | 'last4' | 'scan' | 'phone' | 'services' | 'details' | 'confirm' | 'done' | 'rate' | 'thanks';

export interface Draft {
  plate: string;
  last4: string;
  phone: string;
  services: string[];
  mileage: string;
  description: string;
  surname: string;
  salutation: Salutation;
  /** The make tapped on the details screen; '' = not given (the order shows "—"). */
  make: string;
  consent: boolean;
}
export type Field = keyof Draft;

/** A message to show, by catalogue key. */
export interface Notice {
  key: KioskKey;
  params?: Record<string, string | number>;
}

export interface Flow {
  mode?: Mode;
  screen: Screen;
  draft: Draft;
  /** The booking found by plate + digits or QR, with the ticket that checks it in. */
  found?: FoundBooking;
  done?: CheckInDone;
  visit?: SurveyVisit;
  /** A message about the whole screen (not found, too many tries…). */
  error?: Notice;
  fieldErrors: Partial<Record<Field, Notice>>;
  busy: boolean;
  /** One idempotency key per check-in: tapping again after a lost answer sends the same one. */
  attemptKey?: string;
  /** A walk-in whose plate and phone matched today's appointment, now checking that in. */
  redirected?: boolean;
}

export const STEPS: Record<Mode, readonly Screen[]> = {
  appointment: ['plate', 'last4', 'confirm', 'done'],
  'walk-in': ['plate', 'phone', 'services', 'details', 'confirm', 'done'],
  survey: ['plate', 'last4', 'rate', 'thanks'],
};

export const emptyDraft = (): Draft => ({
  plate: '',
  last4: '',
  phone: '',
  services: [],
  mileage: '',
  description: '',
  surname: '',
  salutation: 'none',
  make: '',
  consent: false,
});

/** The start screen with nothing typed: what an idle kiosk goes back to. */
export const freshFlow = (): Flow => ({ screen: 'start', draft: emptyDraft(), fieldErrors: {}, busy: false });

export const begin = (mode: Mode): Flow => ({ ...freshFlow(), mode, screen: 'plate' });

/** Go to a screen, leaving its messages behind. */
export const goTo = (flow: Flow, screen: Screen): Flow => ({ ...flow, screen, error: undefined, fieldErrors: {}, busy: false });

export function next(flow: Flow): Flow {
  const steps = flow.mode ? STEPS[flow.mode] : [];
  const at = steps.indexOf(flow.screen);
  return at >= 0 && at < steps.length - 1 ? goTo(flow, steps[at + 1]) : flow;
}

export function back(flow: Flow): Flow {
  if (flow.screen === 'scan') return goTo(flow, 'plate');
  const steps = flow.mode ? STEPS[flow.mode] : [];
  const at = steps.indexOf(flow.screen);
  if (at <= 0) return freshFlow();
  // Going back from a confirmed booking to its digits forgets the booking.
  return { ...goTo(flow, steps[at - 1]), found: flow.screen === 'confirm' && flow.mode === 'appointment' ? undefined : flow.found };
}

export const edit = (flow: Flow, patch: Partial<Draft>): Flow => {
  const fieldErrors = { ...flow.fieldErrors };
  for (const key of Object.keys(patch) as Field[]) delete fieldErrors[key];
  return { ...flow, draft: { ...flow.draft, ...patch }, fieldErrors, error: undefined };
};

// Light checks before a request: the server checks everything again with the shared schemas.

export const plateNotice = (plate: string, country: Country): Notice | undefined => {
  if (!plate) return { key: 'plate.pickProvince' };
  const problem = plateProblemCode(plate, country);
  return problem ? { key: `plate.problem.${problem}` } : undefined;
};

export const last4Notice = (digits: string): Notice | undefined => (/^[0-9]{4}$/.test(digits) ? undefined : { key: 'last4.problem' });

/** The same rule the server applies (shared/kiosk/walk-in-phone.ts): a mainland mobile, or 00 + country code. */
export const phoneNotice = (phone: string, country: Country): Notice | undefined => {
  const checked = walkInPhone(phone, country);
  return checked.ok ? undefined : { key: checked.problem === 'mainland' ? 'phone.problem' : 'phone.problemIntl' };
};

export const mileageNotice = (mileage: string): Notice | undefined =>
  mileage === '' || (/^[0-9]{1,7}$/.test(mileage) && Number(mileage) <= 3_000_000) ? undefined : { key: 'field.mileage' };

/** The screen on which a field is typed, to send the customer back to it. */
const FIELD_SCREEN: Record<Field, Screen> = {
  plate: 'plate',
  last4: 'last4',
  phone: 'phone',
  services: 'services',
  mileage: 'details',
  description: 'details',
  surname: 'details',
  salutation: 'details',
  make: 'details',
  consent: 'confirm',
};
const BODY_FIELD: Record<string, Field> = {
  plate: 'plate',
  phoneLast4: 'last4',
  phone: 'phone',
  services: 'services',
  mileageKm: 'mileage',
  description: 'description',
  surname: 'surname',
  salutation: 'salutation',
  make: 'make',
  consent: 'consent',
};
const FIELD_NOTICE: Partial<Record<Field, Notice>> = {
  last4: { key: 'last4.problem' },
  phone: { key: 'phone.problem' },
  services: { key: 'field.services' },
  mileage: { key: 'field.mileage' },
  description: { key: 'field.description' },
  consent: { key: 'field.consent' },
  surname: { key: 'field.surname' },
};

/**
 * The server refused some fields (400 with `details: [{path: 'body.plate', …}]`): word each in
 * the customer's language and go back to the first screen that has one.
 */
export function withFieldErrors(flow: Flow, details: unknown, country: Country): Flow {
  const fieldErrors: Partial<Record<Field, Notice>> = {};
  for (const d of Array.isArray(details) ? details : []) {
    const field = BODY_FIELD[String((d as { path?: string }).path ?? '').split('.')[1] ?? ''];
    if (!field || fieldErrors[field]) continue;
    fieldErrors[field] =
      field === 'plate' ? (plateNotice(flow.draft.plate, country) ?? { key: 'err.invalid' }) : (FIELD_NOTICE[field] ?? { key: 'err.invalid' });
  }
  const fields = Object.keys(fieldErrors) as Field[];
  if (!fields.length) return { ...flow, busy: false, error: { key: 'err.invalid' } };
  const steps = flow.mode ? STEPS[flow.mode] : [];
  const screen = fields.map((f) => FIELD_SCREEN[f]).sort((a, b) => steps.indexOf(a) - steps.indexOf(b))[0];
  return { ...flow, screen, fieldErrors, busy: false, error: undefined };
}

const API_ERRORS: Record<string, KioskKey> = {
  no_match: 'err.no_match',
  rate_limited: 'err.rate_limited',
  not_today: 'err.not_today',
  already_checked_in: 'err.already_checked_in',
  booking_closed: 'err.booking_closed',
  unknown_code: 'err.unknown_code',
  ticket_expired: 'err.ticket_expired',
  network: 'err.network',
  already_answered: 'err.already_answered',
  survey_not_open: 'err.survey_not_open',
};

/** A refusal from the kiosk API as a message in the customer's words (never the server's text). */
export function apiNotice(error: { code: string; details?: unknown }, mode: Mode | undefined, formatDate: (iso: string) => string): Notice {
  const details = (error.details ?? {}) as Record<string, unknown>;
  if (error.code === 'no_match' && mode === 'survey') return { key: 'err.survey_no_match' };
  const key = API_ERRORS[error.code];
  if (!key) return { key: error.code === 'invalid_input' ? 'err.invalid' : 'err.server' };
  const params: Record<string, string | number> = {};
  if (error.code === 'rate_limited') params.minutes = Math.max(1, Math.ceil(Number(details.retryAfterSeconds ?? 60) / 60));
  if (error.code === 'not_today' && typeof details.at === 'string') params.date = formatDate(details.at);
  if (error.code === 'already_checked_in') params.queue = String(details.queueNumber ?? '—');
  return { key, params };
}
