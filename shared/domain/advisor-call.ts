import type { Locale } from './ids';

/**
 * A customer at a kiosk pressed "Call an advisor". It stays open, on the dispatch board only,
 * until someone at the front desk acknowledges it; acknowledging removes it from the state
 * (the event log keeps who called and who answered, and when).
 */
export interface AdvisorCall {
  id: string;
  storeId: string;
  /** The kiosk that called: the advisor walks to it. */
  kioskId: string;
  /** When the customer pressed the button. */
  at: string;
  /** The language the customer was using, so the advisor can greet them in it. */
  locale?: Locale;
}

/** Entries of a staff view are told apart by shape; a call is the one with a kiosk. */
export const isAdvisorCall = (value: object): value is AdvisorCall => 'kioskId' in value && !('operations' in value);
