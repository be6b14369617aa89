import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, loadEnv, loadShopConfig } from './config';

const dir = mkdtempSync(join(tmpdir(), 'tw-config-'));
const shipped = () => JSON.parse(readFileSync('config/shop.json', 'utf8'));
const writeConfig = (name: string, content: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
};
const problemOf = (run: () => unknown): ConfigError => {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
};

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('the shipped shop config validates, with one store, its bays, people and catalogue', () => {
  const shop = loadShopConfig();
  assert.is(shop.stores.length, 1);
  const store = shop.stores[0];
  assert.is(store.id, 'bj-wangjing');
  assert.is(store.timezone, 'Asia/Shanghai');
  assert.ok(store.bays.length >= 10);
  assert.ok(store.technicians.length >= 8);
  assert.ok(store.catalogue.length >= 12);
  assert.ok(store.technicians.some((t) => t.roles.includes('inspector')));
  assert.ok(store.technicians.some((t) => t.roles.includes('washer')));
});

test('names the file and the field path when a value is not allowed', () => {
  const config = shipped();
  config.stores[0].bays[3].kind = 'garage';
  const file = writeConfig('bad-kind.json', config);
  const err = problemOf(() => loadShopConfig(file));
  assert.match(err.message, `${file}: stores[0].bays[3].kind: Invalid option`);
  assert.match(err.message, '"general"');
});

test('lists every problem, not just the first', () => {
  const config = shipped();
  delete config.stores[0].technicians[1].name;
  config.stores[0].pageDwellSeconds = 1;
  const err = problemOf(() => loadShopConfig(writeConfig('two-problems.json', config)));
  assert.is(err.problems.length, 2);
  assert.ok(err.problems.some((p) => p.includes('stores[0].technicians[1].name')));
  assert.ok(err.problems.some((p) => p.includes('stores[0].pageDwellSeconds')));
});

test('refuses a duplicate bay id, naming both places', () => {
  const config = shipped();
  config.stores[0].bays[5].id = 'bay-02';
  const err = problemOf(() => loadShopConfig(writeConfig('dup-bay.json', config)));
  assert.match(err.message, 'stores[0].bays[5].id: bay id "bay-02" is already used by stores[0].bays[1]');
});

test('refuses a technician whose team does not exist and a repeated catalogue code', () => {
  const config = shipped();
  config.stores[0].technicians[0].teamId = 'team-99';
  config.stores[0].catalogue[2].code = config.stores[0].catalogue[0].code;
  const err = problemOf(() => loadShopConfig(writeConfig('bad-refs.json', config)));
  assert.ok(
    err.problems.some((p) => p.includes('stores[0].technicians[0].teamId: there is no team "team-99"')),
    err.message,
  );
  assert.ok(
    err.problems.some((p) => p.includes('stores[0].catalogue[2].code: catalogue code')),
    err.message,
  );
});

test('refuses a misspelt field instead of silently using the default', () => {
  const config = shipped();
  config.stores[0].pageDwelSeconds = 20;
  const err = problemOf(() => loadShopConfig(writeConfig('typo.json', config)));
  assert.match(err.message, 'stores[0].pageDwelSeconds: unknown field');
});

test('refuses an unknown time zone', () => {
  const config = shipped();
  config.stores[0].timezone = 'Asia/Beijing';
  const err = problemOf(() => loadShopConfig(writeConfig('tz.json', config)));
  assert.match(err.message, 'stores[0].timezone: "Asia/Beijing" is not an IANA time zone');
});

test('keeps personal data three years unless a store says otherwise, never shorter than its tracking links', () => {
  assert.is(loadShopConfig().stores[0]!.personalDataRetentionDays, 1095);
  const raw = shipped();
  raw.stores[0].trackingExpiryDays = 14;
  raw.stores[0].personalDataRetentionDays = 10;
  const err = problemOf(() => loadShopConfig(writeConfig('retention.json', raw)));
  assert.match(err.message, /stores\[0\]\.personalDataRetentionDays: 10 is shorter than trackingExpiryDays \(14\)/);
});

test('points at the line and column of a JSON syntax error', () => {
  const file = writeConfig('bad.json', '{\n  "stores": [\n    { "id": "x", }\n  ]\n}\n');
  const err = problemOf(() => loadShopConfig(file));
  assert.match(err.message, `${file}: line 3, column 18: invalid JSON: Expected double-quoted property name`);
});

test('says the file is missing rather than failing with a bare ENOENT', () => {
  const err = problemOf(() => loadShopConfig(join(dir, 'nope.json')));
  assert.match(err.message, 'nope.json: cannot read the shop configuration (file not found)');
});

test('env: uses defaults for an empty environment, with demo on outside production', () => {
  assert.equal(loadEnv({}), {
    PORT: 8080,
    DATA_DIR: './data',
    REDIS_PREFIX: 'tw',
    SHOP_CONFIG: 'config/shop.json',
    DEMO: true,
    SIMULATE: false,
    JOURNAL_SEGMENT_MB: 64,
    IDEMPOTENCY_WINDOW_DAYS: 7,
    MAX_SOCKETS_PER_ADDRESS: 200,
    TRUST_PROXY: 'loopback',
    INTEGRATION_NAME: 'DMS',
    WEBHOOKS_ALLOW_LOOPBACK: false,
  });
});

test('env: demo is off in production unless asked for, and 0/false turn it off', () => {
  const url = 'https://workshop.example.com';
  assert.is(loadEnv({ NODE_ENV: 'production', PUBLIC_URL: url }).DEMO, false);
  assert.is(loadEnv({ NODE_ENV: 'production', PUBLIC_URL: url, DEMO: '1' }).DEMO, true);
  assert.is(loadEnv({ DEMO: '0' }).DEMO, false);
  assert.is(loadEnv({ DEMO: 'false' }).DEMO, false);
  assert.is(loadEnv({ SIMULATE: '1' }).SIMULATE, true);
  assert.is(loadEnv({ SIMULATE: '0' }).SIMULATE, false);
});

test('env: reads every variable', () => {
  const env = loadEnv({
    PORT: '3000',
    DATA_DIR: '/var/lib/tw',
    DATABASE_URL: 'postgres://tw@db:5432/workshop',
    REDIS_URL: 'redis://cache:6379',
    REDIS_PREFIX: 'tw-prod',
    API_KEY: 'k'.repeat(24),
    SIGNING_KEY: 's'.repeat(40),
    SHOP_CONFIG: '/etc/tw/shop.json',
    HOME: '/root',
    JOURNAL_SEGMENT_MB: '16',
    IDEMPOTENCY_WINDOW_DAYS: '30',
    MAX_SOCKETS_PER_ADDRESS: '500',
    TRUST_PROXY: '10.0.0.0/8, 10.1.2.3',
    PUBLIC_URL: 'https://workshop.example.com/',
    FRAME_ANCESTORS: 'https://signage.example.com',
    INTEGRATION_NAME: ' 金蝶DMS ',
    WEBHOOKS_ALLOW_LOOPBACK: '1',
  });
  assert.equal(env, {
    PORT: 3000,
    DATA_DIR: '/var/lib/tw',
    DATABASE_URL: 'postgres://tw@db:5432/workshop',
    REDIS_URL: 'redis://cache:6379',
    REDIS_PREFIX: 'tw-prod',
    API_KEY: 'k'.repeat(24),
    SIGNING_KEY: 's'.repeat(40),
    SHOP_CONFIG: '/etc/tw/shop.json',
    DEMO: true,
    SIMULATE: false,
    JOURNAL_SEGMENT_MB: 16,
    IDEMPOTENCY_WINDOW_DAYS: 30,
    MAX_SOCKETS_PER_ADDRESS: 500,
    TRUST_PROXY: '10.0.0.0/8,10.1.2.3',
    PUBLIC_URL: 'https://workshop.example.com',
    FRAME_ANCESTORS: 'https://signage.example.com',
    INTEGRATION_NAME: '金蝶DMS',
    WEBHOOKS_ALLOW_LOOPBACK: true,
  });
  assert.match(problemOf(() => loadEnv({ MAX_SOCKETS_PER_ADDRESS: '0' })).message, 'MAX_SOCKETS_PER_ADDRESS must be at least 1');
});

test('env: TRUST_PROXY takes a hop count, addresses and range names, and refuses anything else', () => {
  assert.is(loadEnv({ TRUST_PROXY: '1' }).TRUST_PROXY, 1);
  assert.is(loadEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY, false);
  assert.is(loadEnv({ TRUST_PROXY: 'loopback, uniquelocal' }).TRUST_PROXY, 'loopback,uniquelocal');
  assert.is(loadEnv({ TRUST_PROXY: '::1,fd00::/8' }).TRUST_PROXY, '::1,fd00::/8');
  for (const bad of ['true', 'everyone', '10.0.0.300']) assert.match(problemOf(() => loadEnv({ TRUST_PROXY: bad })).message, 'environment: TRUST_PROXY:');
});

test('env: production refuses to start without PUBLIC_URL, since links must never come from the Host header', () => {
  const err = problemOf(() => loadEnv({ NODE_ENV: 'production' }));
  assert.match(err.message, 'environment: PUBLIC_URL:');
  assert.match(problemOf(() => loadEnv({ PUBLIC_URL: 'ftp://x' })).message, 'environment: PUBLIC_URL:');
});

test('env: refuses REDIS_URL without DATABASE_URL, since Redis no longer keeps the event log', () => {
  const err = problemOf(() => loadEnv({ REDIS_URL: 'redis://cache:6379' }));
  assert.match(err.message, 'environment: DATABASE_URL:');
  assert.match(err.message, 'set DATABASE_URL=postgres://');
  assert.match(err.message, 'npm run journal -- import-redis --from <REDIS_URL>');
  assert.is(loadEnv({ DATABASE_URL: 'postgresql://db/workshop' }).DATABASE_URL, 'postgresql://db/workshop');
});

test('env: treats empty strings as unset', () => {
  assert.is(loadEnv({ PORT: '' }).PORT, 8080);
  assert.is(loadEnv({ REDIS_URL: '' }).REDIS_URL, undefined);
});

test('env: lists every bad variable by name', () => {
  const err = problemOf(() => loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://x', DEMO: 'maybe', SIGNING_KEY: 'short' }));
  assert.is(err.problems.length, 5, err.message);
  for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'DEMO', 'SIGNING_KEY']) assert.match(err.message, `environment: ${name}:`);
});

test.run();
