import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IdSchema } from '../../../shared/domain/ids';
import type { StoreSnapshot } from '../../../shared/workflow/state';
import { CHAIN_START, FORMAT, JournalCorruptError, SNAPSHOTS, decodeChecked, encodeChecked } from './format';
import { writeFileAtomically } from './segment-writer';

/** What a snapshot is checked against: how far a store's journal is durable and its chain at a seq. */
export interface SnapshotJournal {
  durable(storeId: string): Promise<number>;
  chainAt(storeId: string, seq: number): Promise<string>;
}

/**
 * One snapshot file per store in `<dataDir>/snapshots/`, each stored with its seq, the journal's
 * chain at that seq and a checksum, so a snapshot that does not belong to this journal is seen.
 */
export class SnapshotFiles {
  readonly #saves = new Map<string, { seq: number; done: Promise<void> }>();
  #tmpCounter = 0;

  constructor(
    private readonly dataDir: string,
    private readonly journal: SnapshotJournal,
  ) {}

  /** Refused (thrown) when ahead of the journal. */
  async save(storeId: string, snapshot: StoreSnapshot): Promise<void> {
    const file = this.#path(storeId);
    // Saves of one store run one after another, each at least as new as the one before, so an
    // older fold never replaces a newer one.
    const previous = this.#saves.get(storeId);
    if (previous && snapshot.seq < previous.seq) return;
    const tag = `${++this.#tmpCounter}`;
    const done = (previous?.done ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => {
        const durable = await this.journal.durable(storeId);
        const seq = snapshot.seq;
        if (!Number.isInteger(seq) || seq < 0 || seq > durable)
          throw new Error(`snapshot of ${storeId} at seq ${seq} is ahead of the journal (at ${durable}); not saved`);
        const chain = seq === 0 ? CHAIN_START : await this.journal.chainAt(storeId, seq);
        await writeFileAtomically(file, encodeChecked({ format: FORMAT, storeId, seq, chain }, JSON.stringify(snapshot)), tag);
      });
    this.#saves.set(storeId, { seq: snapshot.seq, done });
    await done;
  }

  /** Throws JournalCorruptError when the file fails its checksum or does not match the journal. */
  async load(storeId: string): Promise<StoreSnapshot | undefined> {
    const durable = await this.journal.durable(storeId);
    const file = this.#path(storeId);
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (text === undefined) return undefined;
    const decoded = decodeChecked(text);
    if (!decoded.ok) throw new JournalCorruptError(file, 1, `snapshot: ${decoded.reason}`);
    const { seq, chain } = decoded.header as { seq: number; chain: string };
    if (seq > durable) throw new JournalCorruptError(file, 1, `snapshot: at seq ${seq}, ahead of the journal (at ${durable})`);
    if (seq > 0 && (await this.journal.chainAt(storeId, seq)) !== chain)
      throw new JournalCorruptError(file, 1, `snapshot: its chain at seq ${seq} does not match the journal's`);
    return JSON.parse(decoded.payload) as StoreSnapshot;
  }

  /** Waits for every save in flight (failed ones included). */
  async settled(): Promise<void> {
    await Promise.all([...this.#saves.values()].map((s) => s.done.catch(() => undefined)));
  }

  #path(storeId: string): string {
    if (!IdSchema.safeParse(storeId).success) throw new Error(`"${storeId}" is not a valid store id`);
    return join(this.dataDir, SNAPSHOTS, `${storeId}.json`);
  }
}
