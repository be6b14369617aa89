import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Logger } from '../log';

type Publisher = { publish(...args: never[]): Promise<unknown> };

/**
 * Make a failed PUBLISH a logged warning instead of a crash.
 *
 * The socket.io Redis adapter publishes each broadcast without waiting for the answer. A PUBLISH
 * in flight when Redis goes away rejects with nobody listening, and Node ends the process on an
 * unhandled rejection: one server of a dealer group fell over that way in the Redis outage test.
 * What is lost is one delta for the screens on other processes; the wake-ups bring it to them
 * once Redis is back (wake-up.ts), or they see the gap at the next delta and resync. The promise
 * still rejects for a caller that does wait for it.
 */
export function logFailedPublishes<C extends Publisher>(client: C, log: Logger): C {
  const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const guarded = (...args: unknown[]) => {
    const sent = publish(...args);
    sent.catch((err: unknown) => log.warn({ err }, 'socket.io redis adapter: a publish failed; screens on other processes are woken once Redis is back'));
    return sent;
  };
  client.publish = guarded as unknown as C['publish'];
  return client;
}

/**
 * The socket.io Redis adapter on its own pair of connections (publisher and subscriber), which
 * the wake-ups share so that each arrives after the delta it follows.
 */
export async function redisAdapter(url: string, prefix: string, log: Logger) {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on('error', (err) => log.warn({ err }, 'socket.io redis adapter connection error'));
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    adapter: createAdapter(logFailedPublishes(pub, log), sub, { key: `${prefix}:io` }),
    pub,
    sub,
    async close() {
      for (const client of [pub, sub]) await client.close().catch(() => undefined);
    },
  };
}
