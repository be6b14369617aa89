import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TrackingRo } from '../../../shared/projections/views';
import { etaOf, stepIndex, storyOf, waitingFor } from './tracking-model';

const aTrackedCar = (overrides: Partial<TrackingRo> = {}): TrackingRo => ({
  id: 'ro-1',
  number: 'RO1',
  plate: '京A·1**45',
  customer: { 'zh-CN': '张先生', en: 'Mr. 张' },
  make: 'Audi',
  model: 'A6L',
  color: '',
  stage: 'in_service',
  stageSince: '2030-05-10T02:10:00.000Z',
  timeline: [
    { at: '2030-05-10T02:00:00.000Z', stage: 'checked_in' },
    { at: '2030-05-10T02:10:00.000Z', stage: 'in_service' },
  ],
  operations: [{ title: '更换机油', status: 'done', startedAt: '2030-05-10T02:10:00.000Z', finishedAt: '2030-05-10T02:40:00.000Z' }],
  survey: 'not_yet',
  ...overrides,
});

test('places the car on the five steps a customer cares about', () => {
  assert.is(stepIndex('waiting_dispatch'), 0);
  assert.is(stepIndex('washing'), 3);
  assert.is(stepIndex('delivered'), 5, 'every step done');
  assert.is(stepIndex('scheduled'), -1);
});

test('says what the car waits for: the part and its arrival, or the customer’s approval', () => {
  const parts = aTrackedCar({
    operations: [{ title: '刹车片', status: 'paused', pause: { reason: 'parts', part: '前刹车片', eta: '2030-05-10T06:00:00.000Z' } }],
  });
  assert.equal(waitingFor(parts), { kind: 'parts', part: '前刹车片', eta: '2030-05-10T06:00:00.000Z' });
  assert.equal(waitingFor(aTrackedCar({ operations: [{ title: 'x', status: 'paused', pause: { reason: 'approval' } }] })), { kind: 'approval' });
  assert.is(waitingFor(aTrackedCar({ operations: [{ title: 'x', status: 'paused', pause: { reason: 'break' } }] })), undefined);
});

test('tells the visit newest first, a job start standing in for the stage change it caused', () => {
  const story = storyOf(aTrackedCar());
  assert.equal(
    story.map((h) => (h.kind === 'stage' ? h.stage : `${h.kind} ${h.title}`)),
    ['finished 更换机油', 'started 更换机油', 'checked_in'],
  );
});

test('shows a later ETA than the promise when a part pushes it out', () => {
  assert.equal(etaOf(aTrackedCar({ promisedAt: '2030-05-10T08:00:00.000Z', etaAt: '2030-05-10T09:00:00.000Z' })), {
    at: '2030-05-10T09:00:00.000Z',
    later: true,
  });
  assert.equal(etaOf(aTrackedCar()), { at: undefined, later: false });
});

test.run();
