/**
 * /metrics: Prometheus text a scraper can read, behind the API key or METRICS_TOKEN, counting
 * what the server did — and naming no plate, RO id or token.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRo } from '../../tests/helpers/build';
import { LiveClient } from '../../tests/helpers/live-client';
import { asNobody, startTestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';

const S = 'store-a';
const TOKEN = 'metrics-token-0123456789abcdef';

/** Samples of the exposition format, strictly: `name{label="v",…} value`, every line checked. */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* /.test(line)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?(?:[0-9.]+(?:e[+-]?[0-9]+)?|\+Inf|-Inf|NaN))$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${JSON.stringify(line)}`);
    samples.set(`${m[1]}${m[2] ?? ''}`, Number(m[3]));
  }
  return samples;
}

test('anonymous callers are refused; the API key and METRICS_TOKEN may read', async () => {
  const server = await startTestServer({ shop: aTestShop(), metricsToken: TOKEN });
  try {
    assert.is((await server.api('GET', '/metrics', undefined, asNobody)).status, 401);
    assert.is((await server.api('GET', '/metrics', undefined, { authorization: 'Bearer wrong-token-0123456789abcdef' })).status, 401);
    assert.is((await server.api('GET', '/metrics', undefined, { authorization: `Bearer ${TOKEN}` })).status, 200);
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    assert.is(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/plain; version=0\.0\.4/);
  } finally {
    await server.close();
  }
});

test('counts commits by type and result, their latency, deltas, resyncs, API answers and sockets by audience; no personal data', async () => {
  const server = await startTestServer({ shop: aTestShop() });
  try {
    const lobby = new LiveClient(server.url, { kind: 'customer', storeId: S });
    assert.ok((await lobby.connect()).ok);
    const ro = await createRo(server, S, { vehicle: { plate: '京A9M8K7', make: 'BMW', model: 'X3', color: 'Black' } });
    await lobby.waitForSeq(ro ? (await server.service.state(S)).seq : 0);
    const refused = await server.api('POST', `/api/stores/${S}/repair-orders/${ro.id}/deliver`, {});
    assert.is(refused.status, 409, JSON.stringify(refused.body));
    await lobby.resync();

    const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${server.apiKey}` } })).text();
    const m = parseExposition(text);
    assert.is(m.get('workshop_commits_total{command="createRepairOrder",result="applied"}'), 1);
    assert.is(m.get('workshop_commits_total{command="deliver",result="refused"}'), 1);
    assert.is(m.get('workshop_commit_duration_seconds_count{result="applied"}'), 1);
    assert.ok(m.has('workshop_commit_duration_seconds_bucket{le="0.03",result="applied"}'), 'a bucket at the 30 ms goal');
    assert.is(m.get('workshop_append_duration_seconds_count'), 1);
    assert.ok((m.get('workshop_deltas_sent_total') ?? 0) >= 1);
    assert.is(m.get('workshop_resyncs_total{answer="delta"}'), 1);
    assert.is(m.get('workshop_http_responses_total{route="createRepairOrder",status="201"}'), 1);
    assert.is(m.get('workshop_http_responses_total{route="deliver",status="409"}'), 1);
    assert.is(m.get('workshop_sockets{audience="customer"}'), 1);
    assert.ok(m.has('nodejs_eventloop_lag_seconds'), "Node's own process metrics");
    for (const secret of ['京A9M8K7', ro.id, ro.trackingToken ?? 'no-token', server.apiKey]) assert.not.ok(text.includes(secret), `no ${secret}`);
    lobby.disconnect();
  } finally {
    await server.close();
  }
});

test.run();
