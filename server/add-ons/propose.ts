import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import { AddOnPriceSchema, MAX_ADD_ON_PHOTOS } from '../../shared/domain/add-on';
import { IdempotencyKeySchema, type Actor, type Source } from '../../shared/workflow/events';
import type { AppDeps } from '../deps';
import { fieldProblems, fromWorkflow, HttpError, invalidInput } from '../http/errors';
import { filePhotoStore, type PhotoStore } from './photo-store';
import { MAX_PHOTO_BYTES, processPhoto, type ProcessedPhoto } from './photos';

/** The form a proposal comes in (multipart/form-data): these fields, and up to three `photos`. */
export const ProposalFieldsSchema = z.strictObject({
  title: z.string().trim().min(1).max(80),
  price: z.coerce.number().pipe(AddOnPriceSchema),
  hours: z.coerce.number().positive().max(100),
  /** The scan page's signed code of the order or operation (the scan route only). */
  code: z.string().min(10).max(300).optional(),
});
export type ProposalFields = z.infer<typeof ProposalFieldsSchema>;

/** Three photos at most and a little for the fields: past this the body is not read at all. */
const MAX_BODY_BYTES = MAX_ADD_ON_PHOTOS * MAX_PHOTO_BYTES + 64 * 1024;

const stores = new WeakMap<object, PhotoStore>();
/** The deployment's photo store (main opens it); tests without one get files in the data directory. */
export function photoStoreOf(deps: AppDeps): PhotoStore {
  if (deps.photos) return deps.photos;
  let store = stores.get(deps.service);
  if (!store) {
    if (!deps.auth.dataDir) throw new HttpError(503, 'feature_off', 'Add-on photos need a data directory');
    stores.set(deps.service, (store = filePhotoStore(deps.auth.dataDir)));
  }
  return store;
}

/** Read the request's body up to the limit: 413 (and the connection's rest ignored) past it. */
async function readBody(req: Request): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  const tooLarge = () =>
    new HttpError(413, 'payload_too_large', `The upload is larger than ${MAX_ADD_ON_PHOTOS} photos of ${MAX_PHOTO_BYTES / 1048576} MB`, [
      { path: 'photos', message: 'too large' },
    ]);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Parse a proposal's multipart form: its fields checked (400 naming each), its photos counted
 * (400 past three), each photo's type and size checked and the image re-encoded without metadata
 * (./photos.ts). Nothing is stored here.
 */
export async function readProposal(req: Request): Promise<{ fields: ProposalFields; photos: ProcessedPhoto[] }> {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data;\s*boundary=/i.test(type))
    throw new HttpError(415, 'unsupported_media_type', 'Send the proposal as multipart/form-data (fields title, price, hours; files photos)');
  const body = await readBody(req);
  let form: FormData;
  try {
    form = await new Response(new Blob([new Uint8Array(body)]), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new HttpError(400, 'invalid_input', 'The form could not be read as multipart/form-data', [{ path: 'body', message: 'malformed multipart' }]);
  }
  const fields: Record<string, string> = {};
  const files: File[] = [];
  for (const [name, value] of form) {
    if (name === 'photos') {
      if (typeof value === 'string') throw invalidInput([{ path: 'body.photos', message: 'must be a file' }]);
      if (value.size > 0 || value.name) files.push(value);
    } else if (typeof value === 'string') fields[name] = value;
    else throw invalidInput([{ path: `body.${name}`, message: 'a file where a value belongs' }]);
  }
  const parsed = ProposalFieldsSchema.safeParse(fields);
  if (!parsed.success) throw invalidInput(fieldProblems('body', parsed.error));
  if (files.length > MAX_ADD_ON_PHOTOS)
    throw new HttpError(400, 'too_many_photos', `photos: ${files.length} photos; at most ${MAX_ADD_ON_PHOTOS}`, [
      { path: 'body.photos', message: `at most ${MAX_ADD_ON_PHOTOS}` },
    ]);
  const photos: ProcessedPhoto[] = [];
  for (const [i, file] of files.entries()) photos.push(await processPhoto(`photos[${i}]`, file.type, Buffer.from(await file.arrayBuffer())));
  return { fields: parsed.data, photos };
}

export interface Proposer {
  actor: Actor;
  personId: string;
  source: Source;
  device?: string;
  /** Where it was found: the approved operation is assigned there. */
  bayId?: string;
  technicianId?: string;
}

/**
 * Store the photos, then the `proposeAddOn` fact; a refusal (or a retry of a proposal already
 * stored) removes the photos just written, so nothing is left that no fact names.
 */
export async function commitProposal(
  deps: AppDeps,
  req: Request,
  storeId: string,
  roId: string,
  input: { fields: ProposalFields; photos: ProcessedPhoto[] },
  who: Proposer,
) {
  const header = req.headers['idempotency-key'];
  const parsedKey = header === undefined ? undefined : IdempotencyKeySchema.safeParse(header);
  if (parsedKey && !parsedKey.success) throw invalidInput(fieldProblems('headers.idempotency-key', parsedKey.error));
  const key = parsedKey?.data ?? `addon:${randomUUID()}`;
  const addOnId = `ao-${randomUUID().slice(0, 13)}`;
  const photos = photoStoreOf(deps);
  await photos.put(storeId, roId, input.photos);
  const photoIds = input.photos.map((p) => p.id);
  try {
    const result = await deps.service.commit({
      storeId,
      actor: who.actor,
      source: who.source,
      key,
      device: who.device,
      command: {
        type: 'proposeAddOn',
        roId,
        addOnId,
        title: input.fields.title,
        price: input.fields.price,
        hours: input.fields.hours,
        photoIds,
        by: who.personId,
        ...(who.bayId ? { bayId: who.bayId } : {}),
        ...(who.technicianId ? { technicianId: who.technicianId } : {}),
      },
    });
    if (!result.ok) throw fromWorkflow(result.error);
    if (result.duplicate) {
      await photos.remove(storeId, roId, photoIds);
      if (result.event.type !== 'addOnProposed' || result.event.data.roId !== roId)
        throw new HttpError(422, 'idempotency_key_reused', `Idempotency-Key "${key}" was already used for a different request (${result.event.type})`);
    }
    const stored = result.event.type === 'addOnProposed' ? result.event.data : undefined;
    return { addOnId: stored?.addOnId ?? addOnId, photoIds: stored?.photoIds ?? photoIds, seq: result.event.seq, duplicate: result.duplicate };
  } catch (err) {
    await photos.remove(storeId, roId, photoIds).catch(() => {});
    throw err;
  }
}
