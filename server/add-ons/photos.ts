import sharp from 'sharp';
import { randomBytes } from 'node:crypto';
import { HttpError } from '../http/errors';
import { MAX_PHOTO_BYTES } from '../../shared/domain/add-on-limits';

/**
 * A phone camera's photo made fit to keep and to show: decoded (so what is stored is surely an
 * image of a kind we name), turned upright by its EXIF orientation, scaled so its longest side
 * is at most 1600 px, and written anew as a JPEG with no metadata at all — no EXIF, no GPS
 * position, no camera serial, no XMP/IPTC (sharp keeps none unless asked, and we never ask).
 *
 * sharp (libvips, prebuilt binaries from the npm registry) rather than code of our own: decoding
 * JPEG/PNG/WebP/AVIF safely, EXIF orientation, good downscaling and a clean re-encode is years of
 * work in a maintained C library; a hand-written EXIF stripper that copies the original bytes
 * would keep whatever it did not know about, and resize nothing.
 */
export { MAX_PHOTO_BYTES };
export const MAX_SIDE_PX = 1600;
/** What a phone's camera sends (iOS converts HEIC to JPEG for a file input). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] as const;
const DECODED_FORMATS: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heif: 'image/avif' };
/** A decoded image larger than this (pixels) is refused before decoding it whole: a "decompression bomb". */
const MAX_INPUT_PIXELS = 60_000_000;

export interface ProcessedPhoto {
  id: string;
  bytes: Buffer;
  width: number;
  height: number;
}

export const newPhotoId = () => `ph-${randomBytes(15).toString('base64url').replace(/[-_]/g, 'x')}`;

/**
 * Check and re-encode one uploaded photo; `field` names it in a refusal (`photos[1]`). 415 for a
 * type we do not take (declared or found when decoding), 413 for one too large, 422 for bytes
 * that do not decode.
 */
export async function processPhoto(field: string, declaredType: string, bytes: Buffer): Promise<ProcessedPhoto> {
  const type = declaredType.split(';')[0].trim().toLowerCase();
  if (!(PHOTO_TYPES as readonly string[]).includes(type))
    throw new HttpError(415, 'unsupported_photo_type', `${field}: ${type || 'a file without a type'} is not a photo we take (JPEG, PNG, WebP or AVIF)`, [
      { path: field, message: `type ${type || 'none'}` },
    ]);
  if (bytes.length > MAX_PHOTO_BYTES)
    throw new HttpError(
      413,
      'photo_too_large',
      `${field}: ${(bytes.length / 1048576).toFixed(1)} MB is more than the ${MAX_PHOTO_BYTES / 1048576} MB a photo may have`,
      [{ path: field, message: 'too large' }],
    );
  let format: string | undefined;
  try {
    format = (await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch {
    throw new HttpError(422, 'unreadable_photo', `${field}: this file is not an image we can read`, [{ path: field, message: 'not a readable image' }]);
  }
  if (!format || !DECODED_FORMATS[format])
    throw new HttpError(
      415,
      'unsupported_photo_type',
      `${field}: the file is ${format ?? 'of an unknown kind'}, not a photo we take (JPEG, PNG, WebP or AVIF)`,
      [{ path: field, message: `decoded as ${format ?? 'unknown'}` }],
    );
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .autoOrient()
      .resize({ width: MAX_SIDE_PX, height: MAX_SIDE_PX, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { id: newPhotoId(), bytes: data, width: info.width, height: info.height };
  } catch {
    throw new HttpError(422, 'unreadable_photo', `${field}: this image is damaged or too large to decode`, [{ path: field, message: 'could not be decoded' }]);
  }
}
