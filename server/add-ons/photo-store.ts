import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Logger } from '../log';
import { guardPool } from '../store/pg-pool';
import type { ProcessedPhoto } from './photos';

/**
 * Where add-on photos are kept. Embedded (one process, no DATABASE_URL): one JPEG file per photo
 * under `<DATA_DIR>/add-on-photos/<storeId>/<roId>/<photoId>.jpg`, written to a temporary name, fsynced
 * and renamed, so a photo named by a stored fact is whole. Scaled out (DATABASE_URL): the
 * PostgreSQL table `add_on_photos`, the bytes in a `bytea` column — a re-encoded photo is a few
 * hundred kB, well inside what bytea serves comfortably, every process reads the same rows, and
 * backups of the database carry them (large objects would need their own clean-up and grants).
 * Who may read a photo is decided by the routes (server/http/add-ons.ts), never here.
 */
export interface PhotoStore {
  readonly kind: 'files' | 'postgres';
  put(storeId: string, roId: string, photos: readonly ProcessedPhoto[]): Promise<void>;
  get(storeId: string, roId: string, photoId: string): Promise<Buffer | undefined>;
  remove(storeId: string, roId: string, photoIds: readonly string[]): Promise<void>;
  /** Every photo of these orders (personal data erasure: a photo of a car shows its plate); answers how many. */
  eraseOrders(storeId: string, roIds: readonly string[], options?: { dryRun?: boolean }): Promise<number>;
  /** How many photos a store holds (tests: "nothing stored"). */
  count(storeId: string): Promise<number>;
  close(): Promise<void>;
}

const PHOTO_DIR = 'add-on-photos';
/** pg_advisory_xact_lock key for creating `add_on_photos` (beside the other stores' 0x7477_00xx). */
const SCHEMA_LOCK = 0x7477_0019;
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const checkId = (id: string) => {
  if (!SAFE_ID.test(id)) throw new Error(`not a safe id: ${id}`);
  return id;
};

export function filePhotoStore(dataDir: string): PhotoStore {
  const root = join(dataDir, PHOTO_DIR);
  const storeDir = (storeId: string) => join(root, checkId(storeId));
  const dir = (storeId: string, roId: string) => join(storeDir(storeId), checkId(roId));
  const file = (storeId: string, roId: string, photoId: string) => join(dir(storeId, roId), `${checkId(photoId)}.jpg`);
  const syncDir = async (path: string) => {
    const handle = await open(path, 'r');
    await handle.sync().finally(() => handle.close());
  };
  return {
    kind: 'files',
    async put(storeId, roId, photos) {
      if (photos.length === 0) return;
      await mkdir(dir(storeId, roId), { recursive: true });
      for (const photo of photos) {
        const target = file(storeId, roId, photo.id);
        const temp = `${target}.tmp`;
        const handle = await open(temp, 'w', 0o600);
        try {
          await handle.writeFile(photo.bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, target);
      }
      await syncDir(dir(storeId, roId));
      await syncDir(storeDir(storeId));
    },
    async get(storeId, roId, photoId) {
      if (![storeId, roId, photoId].every((id) => SAFE_ID.test(id))) return undefined;
      return readFile(file(storeId, roId, photoId)).catch(() => undefined);
    },
    async remove(storeId, roId, photoIds) {
      for (const id of photoIds) await rm(file(storeId, roId, id), { force: true });
    },
    async eraseOrders(storeId, roIds, options = {}) {
      let n = 0;
      for (const roId of roIds) {
        if (!SAFE_ID.test(roId)) continue;
        n += (await readdir(dir(storeId, roId)).catch(() => [] as string[])).filter((f) => f.endsWith('.jpg')).length;
        if (!options.dryRun) await rm(dir(storeId, roId), { recursive: true, force: true });
      }
      return n;
    },
    async count(storeId) {
      let n = 0;
      for (const ro of await readdir(storeDir(storeId)).catch(() => [] as string[]))
        n += (await readdir(join(storeDir(storeId), ro)).catch(() => [] as string[])).filter((f) => f.endsWith('.jpg')).length;
      return n;
    },
    close: async () => {},
  };
}

export async function postgresPhotoStore(databaseUrl: string, log?: Logger): Promise<PhotoStore> {
  const pool = guardPool(
    new pg.Pool({ connectionString: databaseUrl, max: 3, connectionTimeoutMillis: 3000, application_name: 'transparent-workshop-photos' }),
    (err) => log?.warn({ err }, 'add-on photos: postgres connection problem'),
  );
  // Two processes starting together on a new database would both run CREATE TABLE IF NOT EXISTS,
  // and one could fail on PostgreSQL's catalogue (a duplicate pg_type row) and exit; the lock
  // makes the second wait and then find the table.
  const client = await pool.connect();
  let failed: unknown;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS add_on_photos (
      store_id text NOT NULL, photo_id text NOT NULL, ro_id text NOT NULL,
      bytes bytea NOT NULL, width integer NOT NULL, height integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (store_id, photo_id))`);
    await client.query('COMMIT');
  } catch (err) {
    failed = err;
    await client.query('ROLLBACK').catch(() => undefined);
  } finally {
    client.release();
  }
  if (failed) {
    await pool.end().catch(() => undefined);
    throw failed;
  }
  return {
    kind: 'postgres',
    async put(storeId, roId, photos) {
      if (photos.length === 0) return;
      const values: unknown[] = [];
      const rows = photos.map((p, i) => {
        values.push(storeId, p.id, roId, p.bytes, p.width, p.height);
        return `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`;
      });
      await pool.query(`INSERT INTO add_on_photos (store_id, photo_id, ro_id, bytes, width, height) VALUES ${rows.join(', ')}`, values);
    },
    async get(storeId, roId, photoId) {
      const { rows } = await pool.query<{ bytes: Buffer }>('SELECT bytes FROM add_on_photos WHERE store_id = $1 AND ro_id = $2 AND photo_id = $3', [
        storeId,
        roId,
        photoId,
      ]);
      return rows[0]?.bytes;
    },
    async remove(storeId, roId, photoIds) {
      if (photoIds.length)
        await pool.query('DELETE FROM add_on_photos WHERE store_id = $1 AND ro_id = $2 AND photo_id = ANY($3)', [storeId, roId, [...photoIds]]);
    },
    async eraseOrders(storeId, roIds, options = {}) {
      if (!roIds.length) return 0;
      const query = options.dryRun
        ? 'SELECT count(*)::int AS n FROM add_on_photos WHERE store_id = $1 AND ro_id = ANY($2)'
        : 'DELETE FROM add_on_photos WHERE store_id = $1 AND ro_id = ANY($2)';
      const result = await pool.query<{ n: number }>(query, [storeId, [...roIds]]);
      return options.dryRun ? result.rows[0].n : (result.rowCount ?? 0);
    },
    async count(storeId) {
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM add_on_photos WHERE store_id = $1', [storeId]);
      return Number(rows[0].n);
    },
    close: () => pool.end(),
  };
}

/** The store for this deployment: PostgreSQL when DATABASE_URL is set, else files in the data directory. */
export const openPhotoStore = (o: { dataDir: string; databaseUrl?: string; log?: Logger }): Promise<PhotoStore> =>
  o.databaseUrl ? postgresPhotoStore(o.databaseUrl, o.log) : Promise.resolve(filePhotoStore(o.dataDir));

/** `npm run privacy`: an erased customer's orders lose their add-on photos too. */
export const photoErasureTarget = async (where: { dataDir: string; databaseUrl?: string }) => {
  // A data directory where no photo was ever kept has nothing to erase (and no line in the report).
  if (!where.databaseUrl && !existsSync(join(where.dataDir, PHOTO_DIR))) return undefined;
  const store = await openPhotoStore(where);
  return {
    name: store.kind === 'postgres' ? 'add-on photos (PostgreSQL add_on_photos)' : 'add-on photos (data directory)',
    async erase(customers: readonly { storeId: string; repairOrderIds: readonly string[] }[], options: { dryRun: boolean }) {
      let n = 0;
      for (const c of customers) n += await store.eraseOrders(c.storeId, c.repairOrderIds, options);
      return n;
    },
    close: () => store.close(),
  };
};
