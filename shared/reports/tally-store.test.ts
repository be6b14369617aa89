import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { zoned } from './range';
import { tallyStore } from './tally-store';
import type { ReportRows } from './tally';

const noRows = (): ReportRows => ({ visits: [], operations: [], runs: [], pauses: [], attendance: [], appointments: [], calls: [] });
const run = (started: string, ended: string) => ({
  store_id: 's',
  ro_id: 'r',
  operation_id: 'o',
  started_at: started,
  ended_at: ended,
  bay_id: 'bay-1',
  technician_id: 't',
});

test('work is put in the local hour it was done in, also on the day the clocks spring forward', () => {
  // New York, 2026-03-08: 02:00 EST does not exist; 06:30Z is 01:30 EST, 07:30Z is 03:30 EDT.
  const range = zoned({ from: '2026-03-08', to: '2026-03-08' }, 'America/New_York');
  const t = tallyStore(
    { ...noRows(), runs: [run('2026-03-08T06:30:00.000Z', '2026-03-08T07:30:00.000Z')] },
    {
      storeId: 's',
      range,
      bayIds: ['bay-1'],
      openingHours: { open: '00:00', close: '23:59' },
      technicianIds: ['t'],
      now: Date.parse('2026-03-09T00:00:00Z'),
    },
  );
  assert.equal(t.bayHours['s/bay-1'], { '01': 30, '03': 30 });
  assert.is(t.technicians['s/t'].workedHours, 1);
});

test('work before the range or after now is cut off', () => {
  const range = zoned({ from: '2026-03-02', to: '2026-03-02' }, 'Asia/Shanghai');
  const t = tallyStore(
    { ...noRows(), runs: [run('2026-03-01T15:00:00.000Z', '2026-03-01T17:00:00.000Z'), { ...run('2026-03-02T01:00:00.000Z', ''), ended_at: null }] },
    {
      storeId: 's',
      range,
      bayIds: ['bay-1'],
      openingHours: { open: '08:00', close: '20:00' },
      technicianIds: [],
      now: Date.parse('2026-03-02T02:30:00Z'),
    },
  );
  // 00:00–01:00 local of the first run, and 09:00–10:30 local of the one still running at 10:30.
  assert.equal(t.bayHours['s/bay-1'], { '00': 60, '09': 60, 10: 30 });
});

test.run();
