import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HttpError } from '../../server/http/errors';
import { processPhoto } from '../../server/add-ons/photos';
import { addOnRefusalText } from './add-on-refusal';

/** The refusal the server really gives for these bytes (server/add-ons/photos.ts). */
const refusalOf = async (field: string, type: string, bytes: Buffer) => {
  try {
    await processPhoto(field, type, bytes);
  } catch (err) {
    const e = err as HttpError;
    return { code: e.code, details: e.details };
  }
  throw new Error('accepted');
};

test('a refused photo is named in Chinese by its place, from what the server answers', async () => {
  const wrongType = await refusalOf('photos[1]', 'application/pdf', Buffer.from('%PDF-1.4'));
  assert.is(addOnRefusalText('zh-CN', wrongType), '第 2 张照片不是可用的照片格式（请用 JPEG、PNG、WebP 或 AVIF）');
  assert.is(addOnRefusalText('en', wrongType), 'Photo 2 is not a kind of photo we take (JPEG, PNG, WebP or AVIF)');
  const broken = await refusalOf('photos[0]', 'image/jpeg', Buffer.from('not a jpeg at all'));
  assert.is(addOnRefusalText('zh-CN', broken), '第 1 张照片无法读取（文件可能已损坏）');
  const big = await refusalOf('photos[2]', 'image/jpeg', Buffer.alloc(8 * 1024 * 1024 + 1));
  assert.is(addOnRefusalText('zh-CN', big), '第 3 张照片超过 8 MB');
});

test('the limits on the whole upload, and nothing for a refusal not about photos', () => {
  assert.is(addOnRefusalText('zh-CN', { code: 'too_many_photos', details: [{ path: 'photos' }] }), '最多 3 张照片');
  assert.is(addOnRefusalText('zh-CN', { code: 'unreadable_photo' }), '照片无法读取（文件可能已损坏）');
  assert.is(addOnRefusalText('zh-CN', { code: 'illegal_transition', details: [{ path: 'photos[0]' }] }), undefined);
  assert.is(addOnRefusalText('en', { code: 'invalid_input', details: [{ path: 'body.price' }] }), undefined);
});

test.run();
