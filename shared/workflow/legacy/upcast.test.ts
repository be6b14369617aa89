import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StoreState } from '../state';
import { FACT_TYPES, FACT_VERSIONS } from '../facts';
import { createLegacyUpcaster, isLegacyEvent, LegacyUpcastError, type LegacyEvent } from './upcast';

const FIXTURE = new URL('../../../tests/fixtures/legacy-v0/', import.meta.url);
const lines = readFileSync(new URL('journal.ndjson', FIXTURE), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as LegacyEvent);
const expected = JSON.parse(readFileSync(new URL('expected-state.json', FIXTURE), 'utf8'));

test('the first-format fixture journal (2,639 commands) folds, through the upcaster, to the state main folded it to', () => {
  assert.ok(lines.length > 2000);
  const upcast = createLegacyUpcaster();
  const state = new StoreState(lines[0].storeId);
  for (const line of lines) state.applyEvent(upcast(line));
  assert.is(state.seq, lines.length);
  assert.equal(JSON.parse(JSON.stringify(state.toSnapshot())), expected);
});

test('every command type of the first format becomes a fact, and facts carry a type and a version', () => {
  const upcast = createLegacyUpcaster();
  const seen = new Map<string, Set<string>>();
  for (const line of lines) {
    const event = upcast(line);
    assert.ok(FACT_TYPES.includes(event.type), event.type);
    assert.is(event.v, FACT_VERSIONS[event.type]);
    assert.not.ok('command' in event);
    assert.equal({ seq: event.seq, key: event.key, at: event.at, actor: event.actor }, { seq: line.seq, key: line.key, at: line.at, actor: line.actor });
    if (!seen.has(line.command.type)) seen.set(line.command.type, new Set());
    seen.get(line.command.type)!.add(event.type);
  }
  assert.is(seen.size, 33, 'the fixture holds all 33 command types');
  assert.equal([...seen.get('finishOperation')!], ['operationFinished']);
  assert.equal([...seen.get('qcPass')!], ['qcPassed']);
});

test('recognises first-format lines and leaves facts alone', () => {
  assert.ok(isLegacyEvent(lines[0]));
  assert.not.ok(isLegacyEvent({ seq: 1, type: 'washFinished', v: 1, data: {} }));
});

test('refuses a first-format line the rules of that time refused, naming its seq, instead of folding a different state', () => {
  const upcast = createLegacyUpcaster();
  for (const line of lines.slice(0, 5)) upcast(line);
  const bogus = { ...lines[5], command: { type: 'deliver', roId: 'ro-nowhere' } } as LegacyEvent;
  assert.throws(
    () => upcast(bogus),
    (err: Error) => err instanceof LegacyUpcastError && /seq 6/.test(err.message) && /no repair order/.test(err.message),
  );
  assert.throws(
    () => upcast({ ...lines[7] }),
    (err: Error) => /does not follow seq 5/.test(err.message),
  );
});

test.run();
