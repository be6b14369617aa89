import type { Role } from '../domain/people';
import type { CommandOf } from './commands';
import { fact, type FactOf } from './facts';
import type { Change, DecideContext, Decision, EventContext, WorkshopState } from './rules';

/**
 * Staff accounts of a store, folded from its log like the scan page's PINs (access.ts): people an
 * admin added (the rest come from the shop config), who is disabled, and each person's password
 * as an scrypt hash. Kept in the log so every server process sees the same accounts and each
 * change has an actor. A person's password lives in the log of their home store (the first store
 * that lists them, server/people/directory.ts). No projection sends these records to any screen.
 */
export interface AccountRecord {
  type: 'account';
  /** `account:<personId>` */
  id: string;
  storeId: string;
  personId: string;
  /** Set when an admin added the person here rather than the shop config listing them. */
  added?: { name: string; roles: Role[]; at: string };
  /** When an admin disabled the person; absent while the person may sign in. */
  disabledAt?: string;
  /** `scrypt$N$r$p$salt$hash`; never leaves the server. */
  passwordHash?: string;
  passwordSetAt?: string;
}

export const ACCOUNT_COMMAND_TYPES = ['addPerson', 'disablePerson', 'enablePerson', 'setPassword', 'clearPassword'] as const;
export type AccountCommandType = (typeof ACCOUNT_COMMAND_TYPES)[number];
export type AccountCommand = CommandOf<AccountCommandType>;

export const isAccountCommand = (c: { type: string }): c is AccountCommand => (ACCOUNT_COMMAND_TYPES as readonly string[]).includes(c.type);

export const accountKey = (personId: string) => `account:${personId}`;

export const accountOf = (state: WorkshopState, personId: string): AccountRecord | undefined =>
  state.access?.get(accountKey(personId)) as AccountRecord | undefined;

const fresh = (storeId: string, personId: string): AccountRecord => ({ type: 'account', id: accountKey(personId), storeId, personId });
const record = (value: AccountRecord): Change[] => [{ kind: 'access', value }];
const fail = (code: 'not_found' | 'conflict', message: string, details: Record<string, unknown>): Decision => ({
  ok: false,
  error: { code, message, details },
});

/**
 * Decide one account command. Whether a person of that id exists in the shop config is the
 * server's to check (decide sees only the log); decide refuses what the log itself contradicts.
 */
export function decideAccount(state: WorkshopState, c: AccountCommand, _ctx: DecideContext): Decision {
  const account = accountOf(state, c.personId);
  switch (c.type) {
    case 'addPerson':
      if (account?.added) return fail('conflict', `Someone with id "${c.personId}" was already added`, { personId: c.personId });
      return { ok: true, fact: fact('personAdded', { personId: c.personId, name: c.name, roles: c.roles }) };
    case 'disablePerson':
      if (account?.disabledAt) return fail('conflict', `"${c.personId}" is already disabled`, { personId: c.personId });
      return { ok: true, fact: fact('personDisabled', { personId: c.personId }) };
    case 'enablePerson':
      if (!account?.disabledAt) return fail('conflict', `"${c.personId}" is not disabled`, { personId: c.personId });
      return { ok: true, fact: fact('personEnabled', { personId: c.personId }) };
    case 'setPassword':
      return { ok: true, fact: fact('passwordSet', { personId: c.personId, passwordHash: c.passwordHash }) };
    case 'clearPassword':
      if (!account?.passwordHash) return fail('not_found', `"${c.personId}" has no password to clear`, { personId: c.personId });
      return { ok: true, fact: fact('passwordCleared', { personId: c.personId }) };
  }
}

type AccountFactType = 'personAdded' | 'personDisabled' | 'personEnabled' | 'passwordSet' | 'passwordCleared';

const change = (state: WorkshopState, personId: string, storeId: string, edit: (a: AccountRecord) => AccountRecord): Change[] =>
  record(edit(accountOf(state, personId) ?? fresh(storeId, personId)));

/** Record what an account fact says. Never refuses. */
export const evolveAccount: { [T in AccountFactType]: (state: WorkshopState, data: FactOf<T>['data'], e: EventContext) => Change[] } = {
  personAdded: (state, { personId, name, roles }, { storeId, at }) => change(state, personId, storeId, (a) => ({ ...a, added: { name, roles, at } })),
  personDisabled: (state, { personId }, { storeId, at }) => change(state, personId, storeId, (a) => ({ ...a, disabledAt: at })),
  personEnabled: (state, { personId }, { storeId }) => change(state, personId, storeId, ({ disabledAt: _d, ...a }) => a),
  passwordSet: (state, { personId, passwordHash }, { storeId, at }) => change(state, personId, storeId, (a) => ({ ...a, passwordHash, passwordSetAt: at })),
  passwordCleared: (state, { personId }, { storeId }) => change(state, personId, storeId, ({ passwordHash: _h, passwordSetAt: _s, ...a }) => a),
};
