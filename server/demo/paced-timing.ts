import type { Operation, RepairOrder, RoStage } from '../../shared/domain/repair-order';
import { workedMsAt } from '../../shared/domain/stages';
import type { Rng } from './simulate';

const MINUTE = 60_000;

/**
 * Time-true moves for the simulator (bench:eta). The demo's own simulator picks moves at random
 * whatever the clock says, so a 4-hour paint job is as likely to finish on the next step as an
 * oil change; no estimate could be judged against that. With a PacedTiming, each job takes a
 * hidden time drawn when it is first seen running — its standard hours × its technician's own
 * pace × a log-normal spread — and finishes only when that much work is booked on it; a part
 * arrives some time around its ETA (often late); QC, wash and the check-in desk take drawn
 * times too. Draws come from their own seeded generator, in the order things are first seen, so
 * a seed gives the same days every run. The ETA model knows none of these hidden numbers.
 */
export class PacedTiming {
  readonly #hidden = new Map<string, number>();
  readonly #pace = new Map<string, number>();
  /** When a paused operation was first seen paused (ms), per operation and pause. */
  readonly #pausedAt = new Map<string, number>();

  constructor(private readonly rng: Rng) {}

  /** Chance per simulator step that a running job stops for a break or for a part (steps ~20 s apart). */
  readonly breakChance = 0.0015;
  readonly partsChance = 0.0012;

  #normal(): number {
    // Box–Muller; one value per call is enough here.
    const u = Math.max(1e-9, this.rng());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.rng());
  }
  #logNormal(sigma: number): number {
    return Math.exp(sigma * this.#normal() - (sigma * sigma) / 2);
  }
  #draw(key: string, make: () => number): number {
    let v = this.#hidden.get(key);
    if (v === undefined) this.#hidden.set(key, (v = make()));
    return v;
  }

  /** A technician's own speed against the book, drawn once: some are quicker, some slower. */
  techPace(id: string | undefined): number {
    if (!id) return 1.1;
    let p = this.#pace.get(id);
    if (p === undefined) this.#pace.set(id, (p = 0.85 + this.rng() * 0.5));
    return p;
  }

  /** The job has had the work it takes. */
  jobDone(op: Operation, now: number): boolean {
    const needs = this.#draw(
      `op:${op.id}:${op.reworks}`,
      () => op.standardHours * 3_600_000 * this.techPace(op.technicianId) * this.#logNormal(0.3) * (op.reworks ? 0.4 : 1),
    );
    return workedMsAt(op, now) >= needs;
  }

  /** The pause is over: the part is here (around its ETA, more often late than early), or the break has ended. */
  pauseOver(op: Operation, now: number): boolean {
    const key = `${op.id}:${op.pause?.reason}:${op.workedMs}`;
    let since = this.#pausedAt.get(key);
    if (since === undefined) this.#pausedAt.set(key, (since = now));
    if (op.pause?.reason === 'parts') {
      const eta = op.pause.eta ? Date.parse(op.pause.eta) : since + 90 * MINUTE;
      const arrives = this.#draw(`parts:${key}`, () => eta + (this.rng() < 0.7 ? -10 + this.rng() * 25 : 15 + this.rng() * 60) * MINUTE);
      return now >= arrives;
    }
    return now - since >= this.#draw(`pause:${key}`, () => (5 + this.rng() * 15) * MINUTE);
  }

  /** The car has been in this stage as long as this visit of it takes (check-in desk, QC, wash). */
  stageOver(ro: RepairOrder, stage: RoStage, now: number): boolean {
    const typical: Partial<Record<RoStage, number>> = { checked_in: 8, quality_check: 14, washing: 22 };
    const minutes = typical[stage];
    if (minutes === undefined) return true;
    const takes = this.#draw(`stage:${ro.id}:${stage}:${ro.reworkCount}`, () => minutes * MINUTE * this.#logNormal(0.4));
    return now - Date.parse(ro.stageSince) >= takes;
  }
}
