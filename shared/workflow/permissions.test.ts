import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RoleSchema, type Role } from '../domain/people';
import { CommandSchema } from './commands';
import { COMMAND_ISSUERS, holdsRole, mayIssue, rolesFor } from './permissions';
import { mayDo, SCAN_ACTION_TYPES } from './scan-actions';

const ROLES = RoleSchema.options;

test('every command the workflow knows has a row in the table', () => {
  const types = CommandSchema.options.map((option) => option.shape.type.value);
  assert.equal([...types].sort(), Object.keys(COMMAND_ISSUERS).sort());
});

test('a missing role is no access, never admin', () => {
  for (const type of Object.keys(COMMAND_ISSUERS) as (keyof typeof COMMAND_ISSUERS)[]) assert.is(mayIssue([], type), false, type);
  assert.is(holdsRole(['admin'], []), false, 'an empty list is closed to admins too');
});

test('admins may issue every staff command, and none that only the server or a kiosk issues', () => {
  assert.ok(mayIssue(['admin'], 'assignOperation'));
  assert.ok(mayIssue(['admin'], 'pairDisplay'));
  for (const type of ['recordPinFailure', 'signInDevice', 'callAdvisor'] as const) assert.is(mayIssue(['admin'], type), false, type);
});

test("each role may do its own work and not the others'", () => {
  assert.ok(mayIssue(['technician'], 'startOperation'));
  assert.is(mayIssue(['technician'], 'deliver'), false);
  assert.is(mayIssue(['technician'], 'assignOperation'), false);
  assert.ok(mayIssue(['inspector'], 'qcFail'));
  assert.is(mayIssue(['inspector'], 'washDone'), false);
  assert.ok(mayIssue(['washer'], 'washDone'));
  assert.ok(mayIssue(['manager'], 'updateRepairOrder'), 'a service manager may move a promise time');
  assert.is(mayIssue(['manager'], 'pairDisplay'), false);
  assert.equal(rolesFor('pairDisplay'), ['admin']);
});

test("the scan page's buttons and checks read the same table", () => {
  for (const type of SCAN_ACTION_TYPES) for (const role of ROLES) assert.is(mayDo([role as Role], type), mayIssue([role as Role], type), `${role} ${type}`);
  assert.is(mayDo(['admin'], 'assignOperation'), false, 'not a scan action');
});

test.run();
