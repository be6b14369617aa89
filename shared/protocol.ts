import { z } from 'zod';
import { AudienceInputSchema } from './projections/audience';
import type { Delta, View } from './projections/views';
import { RELOAD_REASONS } from './live/reload-reasons';

/**
 * The realtime contract between server and every live page.
 *
 *   client → server  join  {audience, fromSeq?}      ack: {version, heartbeatMs, seq, kind, snapshot | delta} | error
 *                    (the catch-up rides in the answer: a snapshot {seq, view}, or — for a client
 *                    coming back with data, fromSeq set — one merged delta from fromSeq)
 *   server → client  delta {seq, set, del}           in seq order, one per event
 *   client → server  resync {fromSeq}                ack: {seq, kind, snapshot | delta}, as for join
 *   client → server  pair {}                         ack: {version, heartbeatMs, code, expiresAt} (pairing screens)
 *   client → server  heartbeat {version, shownSeq, page, lastReload?, speech?}   paired screens, every heartbeatMs (fleet page)
 *
 * A rejoin is one question and one answer: with 10,000 screens coming back after a restart,
 * every message per connection counts (a separate hello and snapshot were two more).
 * A silent link is noticed by engine.io's ping (every 10 s, which every client counts as a sign of
 * life); a client drops a link that said nothing for 2.5 × heartbeatMs.
 * A client that sees seq jump (delta.seq > seq + 1) or reconnects asks for resync; it ignores
 * any delta at or below the seq it has shown, so no display ever goes back in time.
 * Tracking views hold one entry that every delta carries whole, so they need no gap check.
 */
export const JoinInputSchema = z
  .object({
    audience: AudienceInputSchema,
    /** The first seq the client is missing, when it already shows a view (reconnect). */
    fromSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();
export type JoinInput = z.infer<typeof JoinInputSchema>;

export const ResyncInputSchema = z.object({ fromSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }).strict();
export type ResyncInput = z.infer<typeof ResyncInputSchema>;

export const DisplayHeartbeatSchema = z
  .object({
    version: z.string().max(40),
    shownSeq: z.number().int().min(0),
    page: z.string().max(40),
    lastReload: z
      .object({ at: z.iso.datetime(), reason: z.enum(RELOAD_REASONS) })
      .strict()
      .optional(),
    /** A lobby board that tried to speak a call: whether a voice answered (web/live/sign-of-life.ts). */
    speech: z.enum(['ok', 'unavailable']).optional(),
  })
  .strict();
export type DisplayHeartbeat = z.infer<typeof DisplayHeartbeatSchema>;

export interface ErrorPayload {
  code: string;
  message: string;
  details?: unknown;
}
export type Ack<T> = (result: { ok: true; data: T } | { ok: false; error: ErrorPayload }) => void;

export interface SnapshotPayload {
  seq: number;
  view: View;
}
/** What every client learns in its first answer (join or pair): the build, and how often to beat. */
export interface ServerInfo {
  version: string;
  heartbeatMs: number;
}
/** Bringing a client up to date: a whole snapshot, or one merged delta from the fromSeq it sent. */
export type CatchUp = { seq: number; kind: 'snapshot'; snapshot: SnapshotPayload } | { seq: number; kind: 'delta'; delta: Delta };
export type JoinAnswer = CatchUp & ServerInfo;

export interface ServerToClientEvents {
  delta: (payload: Delta) => void;
  /** An admin asked this screen to reload (fleet management). */
  reload: () => void;
  /** An admin bound this pairing screen to a board: keep the token, open the URL. */
  paired: (payload: PairedPayload) => void;
  /** An admin unpaired this screen: forget the token and show a pairing code again. */
  unpaired: () => void;
}

export interface PairedPayload {
  token: string;
  url: string;
}
/** `timeZone`: the store clock a pairing screen tells times by (it belongs to no store yet; the deployment's first store). */
export interface PairCodePayload {
  code: string;
  expiresAt: string;
  timeZone?: string;
}

export interface ClientToServerEvents {
  join: (input: unknown, ack?: Ack<JoinAnswer>) => void;
  resync: (input: unknown, ack?: Ack<CatchUp>) => void;
  heartbeat: (input: unknown) => void;
  /** An unpaired screen asks for a short code to show, so an admin can bind it. */
  pair: (input: unknown, ack?: Ack<PairCodePayload & ServerInfo>) => void;
}

/** Every client → server event has a schema; the compiler keeps the two lists in step. */
export const clientEventSchemas = {
  join: JoinInputSchema,
  resync: ResyncInputSchema,
  heartbeat: DisplayHeartbeatSchema,
  pair: z.object({}).strict().optional(),
} satisfies Record<keyof ClientToServerEvents, z.ZodType>;
