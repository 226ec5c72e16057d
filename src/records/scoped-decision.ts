import { InvalidCommand } from '../shared/domain-errors';

/**
 * A decision with its refusals in the contract's order: the decider's 400s first, then
 * the actor's scope (403), then the decider's other refusals (404, 409). The decider
 * itself knows nothing of actors; `assertScope` does nothing while there is no record.
 */
export function scopedDecision<State, Event>(
  state: State,
  decide: (state: State) => readonly Event[],
  assertScope: (state: State) => void,
): readonly Event[] {
  let decided: readonly Event[] | undefined;
  let refusal: unknown;
  try {
    decided = decide(state);
  } catch (error) {
    if (error instanceof InvalidCommand) throw error;
    refusal = error;
  }
  assertScope(state);
  if (decided === undefined) throw refusal;
  return decided;
}
