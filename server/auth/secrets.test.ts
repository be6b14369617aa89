import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSecrets, secretsPath } from './secrets';

const freshDir = () => mkdtemp(join(tmpdir(), 'tw-secrets-'));

test('generates keys once into a 0600 file and reuses them on the next start', async () => {
  const dataDir = await freshDir();
  const first = await loadSecrets({ dataDir, env: {} });
  assert.ok(first.generated);
  assert.ok(first.signingKey.length >= 32);
  assert.ok(first.apiKey.length >= 24);
  assert.is((await stat(secretsPath(dataDir))).mode & 0o777, 0o600);

  const second = await loadSecrets({ dataDir, env: {} });
  assert.not.ok(second.generated, 'nothing new is generated on a restart');
  assert.is(second.apiKey, first.apiKey);
  assert.ok(second.signingKey.equals(first.signingKey));
});

test('uses SIGNING_KEY and API_KEY from the environment and writes no file then', async () => {
  const dataDir = await freshDir();
  const env = { SIGNING_KEY: 's'.repeat(40), API_KEY: 'k'.repeat(30) };
  const secrets = await loadSecrets({ dataDir, env });
  assert.is(secrets.apiKey, env.API_KEY);
  assert.is(secrets.signingKey.toString('utf8'), env.SIGNING_KEY);
  assert.not.ok(secrets.generated);
  assert.not.ok(await stat(secretsPath(dataDir)).catch(() => undefined), 'no secrets file');
});

test('an API_KEY from the environment wins over the file and is not reported as generated', async () => {
  const dataDir = await freshDir();
  const secrets = await loadSecrets({ dataDir, env: { API_KEY: 'k'.repeat(30) } });
  assert.is(secrets.apiKey, 'k'.repeat(30));
  assert.not.ok(secrets.generated);
});

test('refuses a signing key that is too short, naming the variable', async () => {
  const dataDir = await freshDir();
  try {
    await loadSecrets({ dataDir, env: { SIGNING_KEY: 'short' } });
    assert.unreachable('should have thrown');
  } catch (err) {
    assert.match((err as Error).message, /SIGNING_KEY must be at least 32 characters/);
  }
});

test('refuses a damaged secrets file, naming the file, instead of silently replacing the keys', async () => {
  const dataDir = await freshDir();
  await writeFile(secretsPath(dataDir), '{"signingKey": "x"', { mode: 0o600 });
  try {
    await loadSecrets({ dataDir, env: {} });
    assert.unreachable('should have thrown');
  } catch (err) {
    assert.match((err as Error).message, /secrets\.json is not valid JSON/);
  }
  assert.is(await readFile(secretsPath(dataDir), 'utf8'), '{"signingKey": "x"', 'the file is left for a person to look at');
});

test.run();
