import { z } from 'zod';
import { IdSchema } from '../domain/ids';

/** Who a view is computed for. Clients ask with a token for tracking; the server resolves it. */
export const AudienceInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customer'), storeId: IdSchema }).strict(),
  z.object({ kind: z.literal('dispatch'), storeId: IdSchema }).strict(),
  z.object({ kind: z.literal('bay'), storeId: IdSchema, bayId: IdSchema }).strict(),
  z
    .object({
      kind: z.literal('tracking'),
      token: z
        .string()
        .min(16)
        .max(64)
        .regex(/^[A-Za-z0-9_-]+$/),
    })
    .strict(),
]);
export type AudienceInput = z.infer<typeof AudienceInputSchema>;

/** A resolved audience: always names its store (and, for tracking, the one repair order). */
export type Audience =
  | { kind: 'customer'; storeId: string }
  | { kind: 'dispatch'; storeId: string }
  | { kind: 'bay'; storeId: string; bayId: string }
  | { kind: 'tracking'; storeId: string; roId: string };

/** The socket.io room of an audience. One room per audience and store. */
export const roomOf = (a: Audience): string => {
  switch (a.kind) {
    case 'customer':
      return `s:${a.storeId}:customer`;
    case 'dispatch':
      return `s:${a.storeId}:dispatch`;
    case 'bay':
      return `s:${a.storeId}:bay:${a.bayId}`;
    case 'tracking':
      return `s:${a.storeId}:tracking:${a.roId}`;
  }
};

export const isStaffAudience = (a: Audience | AudienceInput) => a.kind === 'dispatch' || a.kind === 'bay';
