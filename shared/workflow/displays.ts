import type { CommandOf } from './commands';
import { fact, type FactOf } from './facts';
import { checkBay, compact, fail, type Change, type DecideContext, type Decision, type WorkshopState } from './rules';

/** Paired wall screens and the kiosk's "call an advisor" requests. */

export type DisplayCommand = CommandOf<'pairDisplay' | 'unpairDisplay' | 'callAdvisor' | 'acknowledgeCall'>;

export function decideDisplay(state: WorkshopState, c: DisplayCommand, ctx: DecideContext): Decision {
  switch (c.type) {
    case 'pairDisplay': {
      if (state.displays.has(c.displayId)) return fail('conflict', `Display "${c.displayId}" is already paired`);
      if (c.board === 'bay' && !c.bayId) return fail('invalid_reference', 'A bay board needs a bay', { bayId: null });
      if (c.board !== 'bay' && c.bayId) return fail('invalid_reference', `A ${c.board} board is not bound to a bay`, { bayId: c.bayId });
      const bad = checkBay(ctx, c.bayId);
      if (bad) return bad;
      const { type: _t, displayId, ...rest } = c;
      return { ok: true, fact: fact('displayPaired', { display: compact({ ...rest, id: displayId, storeId: ctx.storeId, pairedAt: ctx.at }) }) };
    }
    case 'unpairDisplay':
      if (!state.displays.has(c.displayId)) return fail('not_found', `There is no paired display "${c.displayId}"`, { displayId: c.displayId });
      return { ok: true, fact: fact('displayUnpaired', { displayId: c.displayId }) };
    case 'callAdvisor': {
      if (state.calls?.has(c.callId)) return fail('conflict', `Call "${c.callId}" already exists`, { callId: c.callId });
      const { type: _t, callId, ...rest } = c;
      return { ok: true, fact: fact('advisorCalled', { call: compact({ ...rest, id: callId, storeId: ctx.storeId, at: ctx.at }) }) };
    }
    case 'acknowledgeCall':
      if (!state.calls?.has(c.callId))
        return fail('not_found', `There is no open call "${c.callId}"; someone may have answered it already`, { callId: c.callId });
      return { ok: true, fact: fact('callAcknowledged', { callId: c.callId }) };
  }
}

type DisplayFactType = 'displayPaired' | 'displayUnpaired' | 'advisorCalled' | 'callAcknowledged';

/** Record what a display or call fact says. Never refuses. */
export const evolveDisplay: { [T in DisplayFactType]: (state: WorkshopState, data: FactOf<T>['data']) => Change[] } = {
  displayPaired: (_state, { display }) => [{ kind: 'display', value: display }],
  displayUnpaired: (state, { displayId }) => {
    const display = state.displays.get(displayId);
    return display ? [{ kind: 'display', value: display, removed: true }] : [];
  },
  advisorCalled: (_state, { call }) => [{ kind: 'call', value: call }],
  callAcknowledged: (state, { callId }) => {
    const call = state.calls?.get(callId);
    return call ? [{ kind: 'call', value: call, removed: true }] : [];
  },
};
