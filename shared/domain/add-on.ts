import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from './ids';

/**
 * Add-on work (增项): work a technician (on the scan page) or an advisor (at the desk) found on
 * a car beyond what the order holds, proposed to its customer with a price, standard hours and
 * up to three photos. The customer decides on the tracking page, or an advisor records the
 * decision they took by phone or at the desk. Approved work joins the order as an operation.
 */
export { ADD_ON_OPERATION_CODE, MAX_ADD_ON_PHOTOS } from './add-on-limits';
import { MAX_ADD_ON_PHOTOS } from './add-on-limits';

/** Who decided: the customer on their phone page, or an advisor recording a call or a talk at the desk. */
export const AddOnDeciderSchema = z.enum(['customer', 'advisor']);
export type AddOnDecider = z.infer<typeof AddOnDeciderSchema>;
export const AddOnChannelSchema = z.enum(['phone-page', 'phone-call', 'desk']);
export type AddOnChannel = z.infer<typeof AddOnChannelSchema>;

/** A price in the store's currency (yuan): at most two decimals, never negative. */
export const AddOnPriceSchema = z
  .number()
  .min(0)
  .max(1_000_000)
  .refine((p) => Math.abs(Math.round(p * 100) - p * 100) < 1e-6, 'a price has at most two decimals');
export const AddOnPhotoIdSchema = z.string().regex(/^ph-[A-Za-z0-9]{8,40}$/, 'not a photo id');

/** How it was decided; `personId`: the advisor who recorded it (absent when the customer decided). */
export const AddOnDecisionSchema = z.object({ by: AddOnDeciderSchema, channel: AddOnChannelSchema, at: IsoTimeSchema, personId: z.string().optional() });
export type AddOnDecision = z.infer<typeof AddOnDecisionSchema>;

/**
 * `by`: the person who proposed it; `bayId`/`technicianId`: where it was found, so the approved
 * operation is assigned there.
 */
export const AddOnSchema = z.object({
  id: IdSchema,
  title: z.string().trim().min(1).max(80),
  price: AddOnPriceSchema,
  hours: z.number().positive().max(100),
  photoIds: z.array(AddOnPhotoIdSchema).max(MAX_ADD_ON_PHOTOS),
  by: z.string().min(1).max(64),
  proposedAt: IsoTimeSchema,
  bayId: IdSchema.optional(),
  technicianId: IdSchema.optional(),
  status: z.enum(['pending', 'approved', 'declined']),
  decision: AddOnDecisionSchema.optional(),
});
export type AddOn = z.infer<typeof AddOnSchema>;

export const pendingAddOns = (ro: { addOns?: readonly AddOn[] }): AddOn[] => (ro.addOns ?? []).filter((a) => a.status === 'pending');
