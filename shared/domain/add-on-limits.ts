// Add-on work's constants without zod: the workflow (and so every board's bundle) reads them,
// and zod in a page bundle costs its size and an eval the pages' CSP refuses.
export const MAX_ADD_ON_PHOTOS = 3;
/** The largest photo the server takes, before it scales it down. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const ADD_ON_OPERATION_CODE = 'ADDON';
