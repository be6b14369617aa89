import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ClockController, tickingCount } from './clock';

class FakeHost implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  addController(c: ReactiveController) {
    this.controllers.push(c);
  }
  removeController() {}
  requestUpdate() {
    this.updates++;
  }
  get updateComplete() {
    return Promise.resolve(true);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const clock = suite('ClockController');

clock('re-renders its host each period while connected, and stops when disconnected', async () => {
  const host = new FakeHost();
  const c = new ClockController(host, 20);
  c.hostConnected();
  assert.is(tickingCount(20), 1);
  await sleep(75);
  assert.ok(host.updates >= 2, `updates: ${host.updates}`);
  c.hostDisconnected();
  assert.is(tickingCount(20), 0);
  const after = host.updates;
  await sleep(50);
  assert.is(host.updates, after);
});

clock('stops ticking while not running (a paused timer) and resumes after', async () => {
  const host = new FakeHost();
  const c = new ClockController(host, 20);
  c.hostConnected();
  c.running = false;
  assert.is(tickingCount(20), 0);
  c.running = true;
  assert.is(tickingCount(20), 1);
  c.hostDisconnected();
});

clock('shares one timer between many elements and leaves none behind', () => {
  const controllers = Array.from({ length: 50 }, () => new ClockController(new FakeHost(), 30));
  controllers.forEach((c) => c.hostConnected());
  assert.is(tickingCount(30), 50);
  controllers.forEach((c) => c.hostDisconnected());
  assert.is(tickingCount(30), 0);
});

clock('moves to another shared timer when its period changes', () => {
  const c = new ClockController(new FakeHost(), 40);
  c.hostConnected();
  c.periodMs = 50;
  assert.is(tickingCount(40), 0);
  assert.is(tickingCount(50), 1);
  c.hostDisconnected();
  assert.is(tickingCount(50), 0);
});

clock.run();
