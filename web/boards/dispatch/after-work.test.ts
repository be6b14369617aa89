import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aRepairOrder, aStore, at, T0 } from '../../common/fixtures';
import { buildAfterWork } from './after-work';

const strip = suite('buildAfterWork');
const store = aStore({ stageLimitsMinutes: { quality_check: 30, ready: 120 } });

strip('puts every car in QC, washing and ready in its column, longest waiting first, with its wait', () => {
  const qcNew = aRepairOrder({ stage: 'quality_check', stageSince: at(-5) });
  const qcOld = aRepairOrder({ stage: 'quality_check', stageSince: at(-45) });
  const wash = aRepairOrder({ stage: 'washing', stageSince: at(-12) });
  const ready = aRepairOrder({ stage: 'ready', stageSince: at(-60) });
  const elsewhere = [aRepairOrder({ stage: 'in_service' }), aRepairOrder({ stage: 'delivered' }), aRepairOrder({ stage: 'cancelled' })];
  const columns = buildAfterWork([qcNew, wash, ...elsewhere, qcOld, ready], store, T0);
  assert.equal(
    columns.map((c) => c.stage),
    ['quality_check', 'washing', 'ready'],
  );
  assert.equal(
    columns[0].cars.map((c) => [c.ro.id, c.waitMs / 60_000, c.over]),
    [
      [qcOld.id, 45, true],
      [qcNew.id, 5, false],
    ],
  );
  assert.equal(
    columns[1].cars.map((c) => [c.ro.id, c.over]),
    [[wash.id, false]],
    'no limit, never over',
  );
  assert.equal([columns[2].cars[0].over, columns[2].limitMinutes], [false, 120]);
});

strip('an empty stage is still a column', () => {
  assert.equal(
    buildAfterWork([], store, T0).map((c) => c.cars.length),
    [0, 0, 0],
  );
});

strip.run();
