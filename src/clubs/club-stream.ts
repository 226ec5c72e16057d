import { clubStream, type ClubEvent, type ClubRecord } from '../../events/club';
import { GEOGRAPHY } from '../geography/geography';
import { assertInScope } from '../identity/scope';
import type { StreamCommand } from '../ledger/command-loop';
import type { Actor } from '../ledger/envelope';
import { scopedDecision } from '../records/scoped-decision';
import { evolveClub, initialClubState, type ClubState } from './club-state';

/** What a club command answers: the club by default, or a member and their subject. */
export interface ClubAnswer {
  readonly resultId?: string;
  readonly subjectId?: string;
  /** The unit to file the events under while the club does not exist yet. */
  readonly fallbackUnit?: string;
}

/**
 * A command on one club's stream as the generic command loop runs it, with refusals in
 * the contract's order: the decider's 400s (its rules checked against the club as it
 * stands), then the actor's scope over the club (403), then the decider's 404 and 409.
 */
export function clubStreamCommand(
  clubId: string,
  actor: Actor,
  decide: (state: ClubState) => readonly ClubEvent[],
  answer: ClubAnswer = {},
): StreamCommand<ClubState, ClubEvent> {
  return {
    streamId: clubStream(clubId),
    initialState: initialClubState,
    evolve: evolveClub,
    decide: (state) =>
      scopedDecision(state, decide, (club) => {
        if (club.status !== 'absent') assertClubInScope(actor, club.record);
      }),
    unitOf: (state) =>
      state.status === 'absent' ? (answer.fallbackUnit ?? '') : state.record.unitCode,
    resultId: answer.resultId ?? clubId,
    ...(answer.subjectId ? { subjectId: answer.subjectId } : {}),
  };
}

/** A club is managed by officers whose scope held its commune when it was established. */
export function assertClubInScope(actor: Actor, club: ClubRecord): void {
  assertInScope(actor, club.unitCode, club.establishedOn);
}

/** Whether the actor is an officer who manages the club: only they see its children's details. */
export function managesClub(actor: Actor, club: ClubRecord): boolean {
  return (
    actor.role === 'officer' && GEOGRAPHY.covers(actor.unitCode, club.unitCode, club.establishedOn)
  );
}
