import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { appointmentCode, issueTicket, readAppointmentCode, readTicket, TICKET_TTL_MS } from './tickets';

const key = randomBytes(32);

test('an appointment code names the store and appointment, and nothing personal', () => {
  const code = appointmentCode(key, 'bj-wangjing', 'appt-1a2b3c4d');
  assert.match(code, /^TWA1\./);
  assert.ok(code.length < 140, 'short enough for a small QR code');
  assert.equal(readAppointmentCode(key, `  ${code}\n`), { storeId: 'bj-wangjing', appointmentId: 'appt-1a2b3c4d' });
  assert.is(readAppointmentCode(randomBytes(32), code), undefined, 'another key');
  assert.is(readAppointmentCode(key, code.replace('TWA1.', 'TWA1.x')), undefined, 'altered');
});

test('a check-in ticket works for ten minutes and only for its purpose', () => {
  const now = Date.now();
  const ticket = issueTicket(key, 'check-in', { storeId: 's', id: 'appt-1' }, now);
  assert.equal(readTicket(key, 'check-in', ticket, now + TICKET_TTL_MS - 1), { storeId: 's', id: 'appt-1' });
  assert.is(readTicket(key, 'check-in', ticket, now + TICKET_TTL_MS), undefined, 'expired');
  assert.is(readTicket(key, 'survey', ticket, now), undefined, 'not a survey ticket');
  const code = appointmentCode(key, 's', 'appt-1');
  assert.is(readTicket(key, 'check-in', code.slice(5), now), undefined, 'an appointment code is not a ticket');
});

test.run();
