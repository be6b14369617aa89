import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { apiNotice, back, begin, edit, freshFlow, mileageNotice, next, plateNotice, withFieldErrors } from './kiosk-flow';

test('walks the steps of each way in, and back out to a wiped start', () => {
  let flow = begin('walk-in');
  assert.is(flow.screen, 'plate');
  for (const screen of ['phone', 'services', 'details', 'confirm', 'done']) assert.is((flow = next(flow)).screen, screen);
  assert.is(next(flow).screen, 'done', 'done is the last step');
  flow = edit(begin('appointment'), { plate: '京A12345' });
  assert.equal(back(flow), freshFlow(), 'back from the first step is the start, with nothing typed');
});

test('forgets the found booking when the customer goes back from confirming it', () => {
  const found = { ticket: 't', booking: { plate: '京A·12345', customer: { 'zh-CN': '李女士', en: 'Ms. 李' }, phone: '139****1111', services: [] } };
  const flow = { ...next(begin('appointment')), screen: 'confirm' as const, found };
  assert.is(back(flow).found, undefined);
  assert.is(back(flow).screen, 'last4');
});

test('checks the plate with the shared rules and words the problem', () => {
  assert.equal(plateNotice('', 'CN'), { key: 'plate.pickProvince' });
  assert.equal(plateNotice('京A1234', 'CN'), { key: 'plate.problem.length' });
  assert.is(plateNotice('粤BD12345', 'CN'), undefined);
  assert.equal(mileageNotice('3000001'), { key: 'field.mileage' });
  assert.is(mileageNotice(''), undefined);
});

test('sends the customer back to the first screen the server refused, with each field worded', () => {
  const flow = { ...edit(begin('walk-in'), { plate: '京A1O345' }), screen: 'confirm' as const };
  const refused = withFieldErrors(
    flow,
    [
      { path: 'body.mileageKm', message: 'x' },
      { path: 'body.plate', message: 'x' },
    ],
    'CN',
  );
  assert.is(refused.screen, 'plate');
  assert.equal(refused.fieldErrors, { plate: { key: 'plate.problem.i_or_o' }, mileage: { key: 'field.mileage' } });
});

test('words API refusals from their codes, never the server text', () => {
  const date = (iso: string) => `on ${iso.slice(0, 10)}`;
  assert.equal(apiNotice({ code: 'rate_limited', details: { retryAfterSeconds: 130 } }, 'appointment', date), {
    key: 'err.rate_limited',
    params: { minutes: 3 },
  });
  assert.equal(apiNotice({ code: 'no_match' }, 'survey', date), { key: 'err.survey_no_match' });
  assert.equal(apiNotice({ code: 'not_today', details: { at: '2030-05-10T09:00:00+08:00' } }, 'appointment', date), {
    key: 'err.not_today',
    params: { date: 'on 2030-05-10' },
  });
  assert.equal(apiNotice({ code: 'server_error' }, 'appointment', date), { key: 'err.server' });
});

test.run();
