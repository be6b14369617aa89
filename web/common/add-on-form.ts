import { MAX_ADD_ON_PHOTOS } from '../../shared/domain/add-on-limits';

/** Photos a proposal takes at most (the server's limit, from the zod-free add-on-limits). */
export { MAX_ADD_ON_PHOTOS };

/** What a person typed into an add-on proposal (the scan page's sheet, the dispatch desk's dialog). */
export interface AddOnInput {
  title: string;
  price: string;
  hours: string;
  photos: readonly File[];
  /** The scanned job card's code (the scan page's route only). */
  code?: string;
}

/** Worth sending: a title, a price of zero or more, hours above zero. The server checks again and names what is wrong. */
export const addOnReady = (f: Pick<AddOnInput, 'title' | 'price' | 'hours'>): boolean =>
  f.title.trim() !== '' && f.price.trim() !== '' && Number(f.price) >= 0 && Number(f.hours) > 0;

/**
 * The multipart form both proposal routes read (server/add-ons/propose.ts): `title`, `price`,
 * `hours`, each photo as a `photos` file under its own name, and `code` when there is one.
 */
export function addOnForm(f: AddOnInput): FormData {
  const form = new FormData();
  if (f.code !== undefined) form.append('code', f.code);
  form.append('title', f.title.trim());
  form.append('price', f.price.trim());
  form.append('hours', f.hours.trim());
  for (const file of f.photos) form.append('photos', file, file.name);
  return form;
}

/** The files picked in a file input, as many as still fit beside the `held` ones. */
export const photosToAdd = (input: HTMLInputElement, held: number): File[] => [...(input.files ?? [])].slice(0, Math.max(0, MAX_ADD_ON_PHOTOS - held));
