/**
 * What an event's `device` says when a screen rather than a phone or kiosk acted: written by
 * server/actors.ts, read back by the repair order history's "from where" (the dispatch board's
 * dialog). A phone's device is its scan-page device id, a kiosk's its kiosk id.
 */
export const SCREEN_DEVICE = {
  dispatch: 'dispatch-board',
  customer: 'customer-board',
  /** The customer's own phone, on the tracking link. */
  tracking: 'tracking-page',
} as const;

/** A bay screen names its bay: `bay-board:<bayId>`. */
export const BAY_BOARD_PREFIX = 'bay-board:';
export const bayBoardDevice = (bayId: string) => `${BAY_BOARD_PREFIX}${bayId}`;
