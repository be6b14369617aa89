import { peopleOf, type Person } from '../../shared/domain/people-directory';
import type { Role } from '../../shared/domain/people';
import type { ShopConfig, Store } from '../../shared/domain/shop';
import { accountOf, type AccountRecord } from '../../shared/workflow/accounts';
import type { WorkshopState } from '../../shared/workflow/rules';

/**
 * Who works where: the people the shop config lists in each store, plus the people an admin
 * added to a store at /admin/people (accounts.ts records). A person's account (password,
 * disabled) is kept in one store's log, their home store: the first store whose config lists
 * them, else the store they were added to. Ids are staff numbers and the same id in two stores
 * is the same person.
 */
export interface StaffPerson extends Pick<Person, 'id' | 'name' | 'roles'> {
  /** Listed in the shop config (else added by an admin, who can change that record only). */
  fromConfig: boolean;
  list: Person['list'] | 'added';
}

/** The account side of a person: from their home store's log. */
export interface AccountStatus {
  homeStoreId: string;
  disabled: boolean;
  disabledAt?: string;
  hasPassword: boolean;
  passwordSetAt?: string;
}

/** Everyone of one store: the config's lists, then those an admin added (by name). */
export function peopleAt(store: Store, state: WorkshopState): StaffPerson[] {
  const listed = peopleOf(store).map((p): StaffPerson => ({ id: p.id, name: p.name, roles: p.roles, fromConfig: true, list: p.list }));
  const ids = new Set(listed.map((p) => p.id));
  const added = [...(state.access?.values() ?? [])]
    .filter((r): r is AccountRecord & Required<Pick<AccountRecord, 'added'>> => r.type === 'account' && !!r.added && !ids.has(r.personId))
    .map((r): StaffPerson => ({ id: r.personId, name: r.added.name, roles: r.added.roles, fromConfig: false, list: 'added' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return [...listed, ...added];
}

/** The stores whose config lists `personId`, in config order. */
export const configStoresOf = (shop: ShopConfig, personId: string): Store[] => shop.stores.filter((s) => peopleOf(s).some((p) => p.id === personId));

/** The store that keeps a person's account: the first that lists them, else where they were added. */
export const homeStoreOf = (shop: ShopConfig, personId: string, addedAt: Store): Store => configStoresOf(shop, personId)[0] ?? addedAt;

export const accountStatus = (homeStoreId: string, account: AccountRecord | undefined): AccountStatus => ({
  homeStoreId,
  disabled: !!account?.disabledAt,
  ...(account?.disabledAt ? { disabledAt: account.disabledAt } : {}),
  hasPassword: !!account?.passwordHash,
  ...(account?.passwordSetAt ? { passwordSetAt: account.passwordSetAt } : {}),
});

export { accountOf };

/**
 * What a session of this person may reach: every store that lists them (and the one they were
 * added to), with the union of their roles there. A person who is a dispatcher in one store and
 * an advisor in another holds both roles in both: roles are per person, not per store, today.
 */
export function reachOf(shop: ShopConfig, person: StaffPerson, seenAt: Store): { roles: Role[]; storeIds: string[] } {
  const stores = configStoresOf(shop, person.id);
  const storeIds = [...new Set([...stores.map((s) => s.id), seenAt.id])];
  const roles = new Set<Role>(person.roles);
  for (const s of stores) for (const p of peopleOf(s)) if (p.id === person.id) p.roles.forEach((r) => roles.add(r));
  return { roles: [...roles], storeIds };
}

/**
 * The people who may use the scan page and be printed a badge at a store: the config's and those
 * an admin added here, less anyone disabled in this store's log (their home store, for nearly
 * everyone). Shaped as the config's Person, so scan code keeps one type; added people act as staff.
 */
export const activePeopleAt = (store: Store, state: WorkshopState): Person[] => everyoneAt(store, state).filter((p) => !accountOf(state, p.id)?.disabledAt);

/** Everyone of a store as the config's Person, the disabled included (to tell them why not). */
export function everyoneAt(store: Store, state: WorkshopState): Person[] {
  const config = new Map(peopleOf(store).map((p) => [p.id, p]));
  return peopleAt(store, state).map((p) => config.get(p.id) ?? { id: p.id, name: p.name, roles: p.roles, list: 'staff' });
}

export const activePersonAt = (store: Store, state: WorkshopState, id: string): Person | undefined => activePeopleAt(store, state).find((p) => p.id === id);
