import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aTestShop } from '../../tests/helpers/shop';
import type { Actor, WorkshopEvent } from '../workflow/events';
import { fact, FACT_TYPES, type Fact } from '../workflow/facts';
import { touchesRepairOrder } from '../workflow/fact-targets';
import { configNames, HistoryDescriber } from './ro-history';

const store = aTestShop().stores[0];
const RO = 'ro-1';
const op = { id: 'op-1', code: 'OIL', title: '更换机油', standardHours: 0.5, status: 'assigned' as const, workedMs: 0, reworks: 0 };
let seq = 0;
const anEvent = (f: Fact, actor: Actor = { kind: 'system', id: 'test' }): WorkshopEvent =>
  ({ seq: ++seq, storeId: store.id, at: '2026-11-23T02:42:00.000Z', actor, source: 'api', key: `key-${seq}-history`, ...f }) as WorkshopEvent;

/** One fact of every type a repair order's history can hold. */
const ORDER_FACTS: Fact[] = [
  fact('repairOrderCreated', { ro: { id: RO, operations: [op], stage: 'checked_in' } as never }),
  fact('repairOrderUpdated', {
    roId: RO,
    patch: { promisedAt: '2026-11-23T09:30:00.000Z', priority: 'urgent', wash: false, advisorId: 'adv-1', customer: { name: 'x' } } as never,
  }),
  fact('repairOrderCheckedIn', { roId: RO, queueNumber: 'A007' }),
  fact('repairOrderSentToWorkshop', { roId: RO }),
  fact('operationAdded', { roId: RO, operation: { ...op, id: 'op-2', title: '更换刹车片' } }),
  fact('operationAssigned', { roId: RO, operationId: 'op-2', bayId: 'bay-1', technicianId: 'tech-2', status: 'assigned' }),
  fact('operationStarted', { roId: RO, operationId: 'op-1', bayId: 'bay-2', technicianId: 'tech-1' }),
  fact('operationPaused', { roId: RO, operationId: 'op-1', pause: { reason: 'approval' }, workedMs: 60_000 }),
  fact('operationResumed', { roId: RO, operationId: 'op-1' }),
  fact('operationFinished', { roId: RO, operationId: 'op-1', workedMs: 25 * 60_000 }),
  fact('qcFailed', { roId: RO, reason: '异响未消除', reopened: [{ operationId: 'op-1', status: 'assigned' }] }),
  fact('qcPassed', { roId: RO, next: 'washing' }),
  fact('washFinished', { roId: RO }),
  fact('repairOrderMarkedReady', { roId: RO }),
  fact('repairOrderDelivered', { roId: RO }),
  fact('surveySubmitted', { roId: RO, score: 4, comment: '很好' }),
  fact('repairOrderCancelled', { roId: RO, reason: '客户改约' }),
  fact('repairOrderNoShow', { roId: RO }),
  fact('appointmentCancelled', { appointmentId: 'appt-1', roId: RO }),
  fact('appointmentNoShow', { appointmentId: 'appt-1', roId: RO }),
];

test('every fact about an order reads as words in both languages, with nothing left unfilled', () => {
  const describer = new HistoryDescriber(store);
  for (const f of ORDER_FACTS) {
    assert.ok(touchesRepairOrder(f, RO), `${f.type} is in the order's history`);
    const { summary } = describer.entry(anEvent(f));
    for (const [locale, text] of Object.entries(summary)) {
      assert.ok(text.length > 1 && text !== f.type, `${f.type} ${locale}: ${text}`);
      assert.not.match(text, /[{}]|undefined/, `${f.type} ${locale}: ${text}`);
    }
  }
  const other = FACT_TYPES.filter((t) => !ORDER_FACTS.some((f) => f.type === t));
  assert.ok(
    other.every((t) => !/^(repairOrder|operation|qc|wash|survey)/.test(t)),
    `order facts without a case here: ${other.join(', ')}`,
  );
});

test('names operations, bays, people and times the way the store does, and no customer data', () => {
  const d = new HistoryDescriber(store);
  const lines = ORDER_FACTS.map((f) => d.entry(anEvent(f)).summary);
  assert.is(lines[1]['zh-CN'], '修改承诺交车时间为 11月23日 17:30、优先级为特急、洗车（不需要）、服务顾问为赵顾问、客户信息');
  assert.is(lines[5]['zh-CN'], '派工「更换刹车片」→ 1，王师傅', 'an operation added later is named too');
  assert.is(lines[6].en, 'Started “更换机油” at 2');
  assert.is(lines[9]['zh-CN'], '完成「更换机油」（作业 25 分钟）');
  assert.is(lines[10]['zh-CN'], '质检不合格：异响未消除（返工 1 项）');
  assert.is(lines[15]['zh-CN'], '顾客评价 4/5 分');
  assert.not.match(JSON.stringify(lines), /很好|"x"/, "neither the comment nor the customer's details");
});

test("the directory's name today wins, the recorded one is the fallback, and an event without one says null", () => {
  const d = new HistoryDescriber(store, { ...configNames(store), display: (id) => (id === 'wall-1' ? '调度室大屏' : undefined) });
  const f = fact('repairOrderSentToWorkshop', { roId: RO });
  assert.is(d.entry(anEvent(f, { kind: 'technician', id: 'tech-1', name: '李老师傅' })).actor.name, '李师傅');
  assert.is(d.entry(anEvent(f, { kind: 'staff', id: 'gone-1', name: '离职员工' })).actor.name, '离职员工');
  assert.is(d.entry(anEvent(f, { kind: 'display', id: 'wall-1', name: '旧屏名' })).actor.name, '调度室大屏');
  assert.is(d.entry(anEvent(f, { kind: 'integration', id: 'api-key', name: '金蝶DMS' })).actor.name, '金蝶DMS');
  assert.is(d.entry(anEvent(f, { kind: 'integration', id: 'api-key' })).actor.name, null);
});

test.run();
