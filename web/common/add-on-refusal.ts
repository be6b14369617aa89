import { MAX_ADD_ON_PHOTOS, MAX_PHOTO_BYTES } from '../../shared/domain/add-on-limits';
import type { Locale } from '../../shared/domain/ids';

/**
 * A refused add-on proposal in the reader's language, naming the photo the server named
 * (`photos[1]` is the second): the technician's phone and the advisor's desk read Chinese, and the
 * server's own message (server/add-ons/photos.ts, propose.ts) is English. Undefined for a refusal
 * that is not about the photos; the caller shows its usual text then.
 */
const MB = MAX_PHOTO_BYTES / 1048576;
const TEXT = {
  en: {
    photo: (n: number) => `Photo ${n}`,
    unsupported_photo_type: 'is not a kind of photo we take (JPEG, PNG, WebP or AVIF)',
    photo_too_large: `is over ${MB} MB`,
    unreadable_photo: 'cannot be read (the file may be damaged)',
    too_many_photos: `At most ${MAX_ADD_ON_PHOTOS} photos`,
    payload_too_large: `The upload is too large (at most ${MAX_ADD_ON_PHOTOS} photos of ${MB} MB each)`,
    join: (who: string, what: string) => `${who} ${what}`,
  },
  'zh-CN': {
    photo: (n: number) => `第 ${n} 张照片`,
    unsupported_photo_type: '不是可用的照片格式（请用 JPEG、PNG、WebP 或 AVIF）',
    photo_too_large: `超过 ${MB} MB`,
    unreadable_photo: '无法读取（文件可能已损坏）',
    too_many_photos: `最多 ${MAX_ADD_ON_PHOTOS} 张照片`,
    payload_too_large: `上传内容过大（最多 ${MAX_ADD_ON_PHOTOS} 张，每张不超过 ${MB} MB）`,
    join: (who: string, what: string) => `${who}${what}`,
  },
} as const;

const PER_PHOTO = ['unsupported_photo_type', 'photo_too_large', 'unreadable_photo'] as const;

/** Which photo (1-based) a refusal's details name, e.g. `[{ path: 'photos[1]' }]` → 2. */
function photoNumber(details: unknown): number | undefined {
  const first = Array.isArray(details) ? (details[0] as { path?: unknown } | undefined) : undefined;
  const m = typeof first?.path === 'string' ? /^photos\[(\d+)\]$/.exec(first.path) : null;
  return m ? Number(m[1]) + 1 : undefined;
}

export function addOnRefusalText(locale: Locale, error: { code: string; details?: unknown }): string | undefined {
  const text = TEXT[locale] ?? TEXT.en;
  if (error.code === 'too_many_photos' || error.code === 'payload_too_large') return text[error.code];
  if (!(PER_PHOTO as readonly string[]).includes(error.code)) return undefined;
  const n = photoNumber(error.details);
  const what = text[error.code as (typeof PER_PHOTO)[number]];
  return n === undefined ? text.join(locale === 'en' ? 'A photo' : '照片', what) : text.join(text.photo(n), what);
}
