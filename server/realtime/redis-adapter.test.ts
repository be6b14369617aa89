/**
 * A PUBLISH that is in flight when the connection to Redis breaks: the adapter never waits for
 * it, so without logFailedPublishes its rejection is unhandled and Node ends the process.
 */
import { createClient } from 'redis';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findRedis, reportNoRedis } from '../../tests/helpers/redis';
import { tcpProxy } from '../../tests/helpers/tcp-proxy';
import type { Logger } from '../log';
import { logFailedPublishes } from './redis-adapter';

const found = await findRedis();
if ('reason' in found) reportNoRedis('logFailedPublishes', found.reason);
else {
  const redis = found;
  /** Publish without waiting, then break the connection while the answer is held back. */
  async function publishAndBreak(guard: boolean) {
    const relay = await tcpProxy(Number(new URL(redis.url).port));
    const warnings: string[] = [];
    const log: Logger = { debug() {}, info() {}, error() {}, warn: (_ctx, msg) => void warnings.push(msg) };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const client = createClient({ url: relay.url.replace('http:', 'redis:'), socket: { reconnectStrategy: false } });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const publisher = guard ? logFailedPublishes(client, log) : client;
      relay.holdAnswers();
      void publisher.publish('test:never-answered', 'x'); // as the adapter does: nobody waits
      await new Promise((r) => setTimeout(r, 100)); // the command is on its way, its answer held
      relay.cutAll();
      await new Promise((r) => setTimeout(r, 200));
      return { unhandled, warnings };
    } finally {
      process.off('unhandledRejection', onUnhandled);
      client.destroy();
      await relay.close();
    }
  }

  test('a publish that fails in flight is logged, not left to crash the process', async () => {
    const { unhandled, warnings } = await publishAndBreak(true);
    assert.equal(unhandled, []);
    assert.is(warnings.length, 1);
    assert.match(warnings[0], /a publish failed/);
  });

  test('the check can fail: unguarded, the same publish is an unhandled rejection', async () => {
    const { unhandled } = await publishAndBreak(false);
    assert.is(unhandled.length, 1);
  });

  test.after(() => redis.stop());
  test.run();
}
