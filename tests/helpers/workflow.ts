import type { Command } from '../../shared/workflow/commands';
import type { Envelope } from '../../shared/workflow/events';
import type { Fact } from '../../shared/workflow/facts';
import { decide, evolve, type Change, type DecideContext, type WorkflowError, type WorkshopState } from '../../shared/workflow/lifecycle';
import type { EntityChange, StoreState } from '../../shared/workflow/state';

let counter = 0;

/** decide, and the records its fact would leave changed (without changing the state). */
export function decideAndEvolve(
  state: WorkshopState,
  command: Command,
  ctx: DecideContext,
): { ok: true; fact: Fact; changes: Change[] } | { ok: false; error: WorkflowError } {
  const decision = decide(state, command, ctx);
  return decision.ok ? { ok: true, fact: decision.fact, changes: evolve(state, { storeId: ctx.storeId, at: ctx.at, ...decision.fact }) } : decision;
}

/**
 * Decide a command and fold its fact into the state, as the server's commit path does (store
 * references are not checked, so tests can build any state the rules allow). Throws on a refusal.
 */
export function foldCommand(state: StoreState, command: Command, envelope: Partial<Omit<Envelope, 'seq' | 'storeId'>> = {}): EntityChange[] {
  const at = envelope.at ?? new Date().toISOString();
  const decision = decide(state, command, { storeId: state.storeId, at });
  if (!decision.ok) throw new Error(`foldCommand: ${command.type} refused: ${decision.error.message}`);
  return state.applyEvent({
    seq: state.seq + 1,
    storeId: state.storeId,
    at,
    actor: envelope.actor ?? { kind: 'system', id: 't' },
    source: envelope.source ?? 'system',
    key: envelope.key ?? `fold-key-${++counter}`,
    ...(envelope.device ? { device: envelope.device } : {}),
    ...decision.fact,
  });
}
