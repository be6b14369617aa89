import type { Role } from './people';
import type { Store } from './shop';

/**
 * Everyone who can sign in at one store, from the three lists of the config: technicians
 * (roles default to technician), advisors (default advisor) and other staff. Zod-free, so
 * the scan page can use it too.
 */
export interface Person {
  id: string;
  name: string;
  roles: Role[];
  /** Which config list the person comes from; technicians act as `technician`, others as `staff`. */
  list: 'technicians' | 'advisors' | 'staff';
  teamId?: string;
}

export function peopleOf(store: Pick<Store, 'technicians' | 'advisors' | 'staff'>): Person[] {
  return [
    ...store.technicians.map((t): Person => ({ id: t.id, name: t.name, roles: t.roles, list: 'technicians', teamId: t.teamId })),
    ...store.advisors.map((a): Person => ({ id: a.id, name: a.name, roles: a.roles ?? ['advisor'], list: 'advisors' })),
    ...(store.staff ?? []).map((s): Person => ({ id: s.id, name: s.name, roles: s.roles, list: 'staff' })),
  ];
}

export const personOf = (store: Pick<Store, 'technicians' | 'advisors' | 'staff'>, id: string): Person | undefined => peopleOf(store).find((p) => p.id === id);
