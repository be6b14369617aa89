import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_ADD_ON_PHOTOS as DOMAIN_MAX } from '../../shared/domain/add-on';
import { addOnForm, addOnReady, MAX_ADD_ON_PHOTOS } from './add-on-form';

test('the form holds the limit the server holds', () => {
  assert.is(MAX_ADD_ON_PHOTOS, DOMAIN_MAX);
});

test('addOnForm: trimmed fields, each photo a `photos` file under its name, code only when given', async () => {
  const photo = new File([new Uint8Array([1, 2, 3])], 'IMG_1.jpg', { type: 'image/jpeg' });
  const desk = addOnForm({ title: '  更换雨刮片 ', price: ' 120 ', hours: '0.3', photos: [photo, photo] });
  assert.equal([...desk.keys()], ['title', 'price', 'hours', 'photos', 'photos']);
  assert.equal([desk.get('title'), desk.get('price'), desk.get('hours')], ['更换雨刮片', '120', '0.3']);
  assert.is((desk.get('photos') as File).name, 'IMG_1.jpg');
  const scan = addOnForm({ code: 'signed-code-123', title: 'x', price: '0', hours: '1', photos: [] });
  assert.is(scan.get('code'), 'signed-code-123');
});

test('addOnReady: a title, a price of 0 or more, hours above 0', () => {
  assert.ok(addOnReady({ title: 'x', price: '0', hours: '0.5' }));
  assert.not.ok(addOnReady({ title: '  ', price: '10', hours: '1' }));
  assert.not.ok(addOnReady({ title: 'x', price: '', hours: '1' }));
  assert.not.ok(addOnReady({ title: 'x', price: '-1', hours: '1' }));
  assert.not.ok(addOnReady({ title: 'x', price: '1', hours: '0' }));
});

test.run();
