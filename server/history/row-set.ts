import { KEYS, type HistoryDatabase, type TableName } from './schema';

type ProjectedTable = Exclude<TableName, 'history_checkpoints'>;
type Row<T extends ProjectedTable> = HistoryDatabase[T];

/** A row's identity in its table: its key columns joined (NUL cannot occur in an id or a time). */
export const rowKey = <T extends ProjectedTable>(table: T, row: Row<T>): string =>
  KEYS[table].map((column) => String((row as unknown as Record<string, unknown>)[column])).join('\u0000');

/**
 * The rows one batch of events may read or change, held in memory: loaded before the batch
 * (what the events name), changed by `applyEvent`, and written back — only those changed — in
 * the batch's transaction. Applying is then synchronous and needs no database, so it can be
 * tested on its own and costs one read and one write per batch instead of per event.
 */
export class RowSet {
  readonly #rows = new Map<ProjectedTable, Map<string, object>>();
  readonly #dirty = new Map<ProjectedTable, Set<string>>();

  #table<T extends ProjectedTable>(table: T): Map<string, Row<T>> {
    let rows = this.#rows.get(table);
    if (!rows) this.#rows.set(table, (rows = new Map()));
    return rows as Map<string, Row<T>>;
  }

  /** Add rows read from the database (not marked changed). */
  load<T extends ProjectedTable>(table: T, rows: readonly Row<T>[]): void {
    const map = this.#table(table);
    for (const row of rows) map.set(rowKey(table, row), { ...row });
  }

  get<T extends ProjectedTable>(table: T, key: string): Row<T> | undefined {
    return this.#table(table).get(key);
  }

  /** Rows of a table that match, e.g. the open run of an operation. */
  find<T extends ProjectedTable>(table: T, match: (row: Row<T>) => boolean): Row<T>[] {
    return [...this.#table(table).values()].filter(match);
  }

  /** Insert or replace a row and mark it for writing. */
  put<T extends ProjectedTable>(table: T, row: Row<T>): Row<T> {
    const key = rowKey(table, row);
    this.#table(table).set(key, row);
    let dirty = this.#dirty.get(table);
    if (!dirty) this.#dirty.set(table, (dirty = new Set()));
    dirty.add(key);
    return row;
  }

  /** Change a row in place (it must have come from get/find) and mark it for writing. */
  touch<T extends ProjectedTable>(table: T, row: Row<T>, change: Partial<Row<T>>): void {
    Object.assign(row, change);
    this.put(table, row);
  }

  /** The rows to write, per table. */
  *changed(): Generator<{ [T in ProjectedTable]: [T, Row<T>[]] }[ProjectedTable]> {
    for (const [table, keys] of this.#dirty) {
      const rows = this.#table(table);
      yield [table, [...keys].map((k) => rows.get(k)!)] as never;
    }
  }
}
