import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** The keys this deployment signs with and accepts. Never logged, never committed. */
export interface Secrets {
  /** HMAC-SHA256 key for sessions, display tokens and QR tokens. */
  signingKey: Buffer;
  /** Bearer key for system integrations (DMS/ERP). */
  apiKey: string;
  /** True when this start generated the API key in use, so main can print it once. */
  generated: boolean;
}

const SIGNING_KEY_MIN = 32;
const API_KEY_MIN = 24;

const SecretsFileSchema = z.object({
  signingKey: z.string().min(SIGNING_KEY_MIN),
  apiKey: z.string().min(API_KEY_MIN),
});
type SecretsFile = z.infer<typeof SecretsFileSchema>;

export const secretsPath = (dataDir: string) => join(dataDir, 'secrets.json');

/**
 * SIGNING_KEY and API_KEY from the environment when set; otherwise generated once into
 * `<dataDir>/secrets.json` (mode 0600) and reused on later starts, so sessions and paired
 * screens survive a restart. Processes that share one Redis must share the same keys: give
 * them SIGNING_KEY and API_KEY in the environment rather than separate data directories.
 */
export async function loadSecrets({ dataDir, env }: { dataDir: string; env: NodeJS.ProcessEnv }): Promise<Secrets> {
  const fromEnv = {
    signingKey: checkEnv(env, 'SIGNING_KEY', SIGNING_KEY_MIN),
    apiKey: checkEnv(env, 'API_KEY', API_KEY_MIN),
  };
  if (fromEnv.signingKey && fromEnv.apiKey) return { signingKey: Buffer.from(fromEnv.signingKey, 'utf8'), apiKey: fromEnv.apiKey, generated: false };

  const { file, generated } = await readOrCreate(secretsPath(dataDir));
  return {
    signingKey: Buffer.from(fromEnv.signingKey ?? file.signingKey, 'utf8'),
    apiKey: fromEnv.apiKey ?? file.apiKey,
    generated: generated && !fromEnv.apiKey,
  };
}

function checkEnv(env: NodeJS.ProcessEnv, name: string, min: number): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  // A short key is a configuration mistake worth stopping for, not something to pad silently.
  if (value.length < min) throw new Error(`${name} must be at least ${min} characters long (it has ${value.length})`);
  return value;
}

async function readOrCreate(path: string): Promise<{ file: SecretsFile; generated: boolean }> {
  const existing = await readSecretsFile(path);
  if (existing) return { file: existing, generated: false };
  const file: SecretsFile = { signingKey: randomBytes(32).toString('base64url'), apiKey: randomBytes(24).toString('base64url') };
  await mkdir(join(path, '..'), { recursive: true });
  try {
    // 'wx' fails if another process created the file meanwhile; then its keys win.
    await writeFile(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const raced = await readSecretsFile(path);
    if (!raced) throw new Error(`${path} appeared while starting but could not be read`, { cause: err });
    return { file: raced, generated: false };
  }
  return { file, generated: true };
}

async function readSecretsFile(path: string): Promise<SecretsFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(
      `${path} is not valid JSON; fix it or delete it to generate new keys (signed-in sessions and paired screens will then need to sign in again)`,
    );
  }
  const parsed = SecretsFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
  // Someone may have copied the file with looser permissions; keys stay readable by the owner only.
  await chmod(path, 0o600).catch(() => undefined);
  return parsed.data;
}
