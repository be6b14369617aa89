import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';
import { RoleSchema } from '../../shared/domain/people';
import { BayKindSchema, BaySchema, CatalogueItemSchema, type Store } from '../../shared/domain/shop';
import { READS } from '../../shared/workflow/permissions';
import { maySeeStore } from '../auth/policy';
import { data, defineRoute } from './route';

/**
 * What an integration needs to find its way around the shop before it sends anything: the
 * stores it may see, each store's bays, teams and technicians' skills, and the service catalogue
 * (the codes repair orders and appointments name). The people themselves are listPeople
 * (server/http/people.ts): names, roles and account state, never a PIN or password hash.
 */
const tag = 'Discovery';
const storeParams = z.strictObject({ storeId: IdSchema });

const StoreSummarySchema = z.object({
  id: z.string(),
  name: z.object({ 'zh-CN': z.string(), en: z.string() }),
  brand: z.string().optional(),
  country: z.string(),
  timezone: z.string(),
  locale: z.string(),
  openingHours: z.object({ open: z.string(), close: z.string() }),
  bays: z.number().int().describe('How many bays (GET …/bays lists them)'),
});

const summary = (s: Store): z.infer<typeof StoreSummarySchema> => ({
  id: s.id,
  name: s.name,
  ...(s.brand ? { brand: s.brand } : {}),
  country: s.country,
  timezone: s.timezone,
  locale: s.locale,
  openingHours: s.openingHours,
  bays: s.bays.length,
});

const BaysSchema = z.object({
  data: z.object({
    bays: z.array(BaySchema),
    teams: z.array(z.object({ id: z.string(), name: z.string() })),
    technicians: z.array(z.object({ id: z.string(), name: z.string(), teamId: z.string(), skills: z.array(z.string()), roles: z.array(RoleSchema) })),
  }),
});

export const discoveryRoutes = [
  defineRoute({
    name: 'listStores',
    method: 'get',
    path: '/api/stores',
    access: READS.staffData,
    tag,
    summary: 'The stores the caller may see (an integration: every store), with their time zone, locale and opening hours',
    response: { status: 200, description: 'Stores', schema: z.object({ data: z.array(StoreSummarySchema) }) },
    run: async (_input, { deps, principal }) => data(deps.shop.stores.filter((s) => maySeeStore(principal, s.id)).map(summary)),
  }),
  defineRoute({
    name: 'listBays',
    method: 'get',
    path: '/api/stores/:storeId/bays',
    access: READS.staffData,
    tag,
    summary: "The store's bays (id, name, kind), its teams, and its technicians with their skills",
    params: storeParams,
    response: { status: 200, description: 'Bays, teams and technicians', schema: BaysSchema },
    run: async (_input, { store }) =>
      data({
        bays: store.bays,
        teams: store.teams.map((t) => ({ id: t.id, name: t.name })),
        technicians: store.technicians.map((t) => ({ id: t.id, name: t.name, teamId: t.teamId, skills: t.skills, roles: t.roles })),
      }),
  }),
  defineRoute({
    name: 'getCatalogue',
    method: 'get',
    path: '/api/stores/:storeId/catalogue',
    access: READS.staffData,
    tag,
    summary: 'The service catalogue: codes (labour operations) with titles, standard hours and the kind of bay they need',
    params: storeParams,
    query: z.strictObject({ bayKind: BayKindSchema.optional() }),
    response: { status: 200, description: 'Catalogue items', schema: z.object({ data: z.array(CatalogueItemSchema) }) },
    run: async ({ query }, { store }) => data(store.catalogue.filter((c) => !query.bayKind || c.bayKind === query.bayKind)),
  }),
];
