// Add-on work's constants without zod: the workflow (and so every board's bundle) reads them,
// and zod in a page bundle costs its size and an eval the pages' CSP refuses.
export const MAX_ADD_ON_PHOTOS = 3;
export const ADD_ON_OPERATION_CODE = 'ADDON';
