import { ProblemAction, ProblemState } from "../../entities/oversight-enums";
import { ConflictError } from "../errors";

/**
 * The problem state machine of DOMAIN.md §4, as one table:
 *
 *   OPEN ──startRectification──▶ RECTIFYING ──submitForVerification──▶ PENDING_VERIFICATION
 *   REOPENED ──startRectification──▶ RECTIFYING        PENDING_VERIFICATION ──verify──▶ CLOSED
 *   PENDING_VERIFICATION ──rejectVerification──▶ RECTIFYING      CLOSED ──reopen (回头看)──▶ REOPENED
 *   extendDeadline keeps the state, in every state but CLOSED.
 *
 * Beyond DOMAIN.md: a superior may refuse an application for 销号 (PENDING_VERIFICATION →
 * RECTIFYING, with a reason), since verification that can only say yes verifies nothing.
 */
export interface Transition {
  from: readonly ProblemState[];
  /** null: the state stays as it is. */
  to: ProblemState | null;
  /** The GraphQL mutation that performs it, for error messages. */
  mutation: string;
}

export const TRANSITIONS: Readonly<Record<Exclude<ProblemAction, ProblemAction.RECORD>, Transition>> = {
  [ProblemAction.START_RECTIFICATION]: {
    from: [ProblemState.OPEN, ProblemState.REOPENED],
    to: ProblemState.RECTIFYING,
    mutation: "startRectification",
  },
  [ProblemAction.SUBMIT_FOR_VERIFICATION]: {
    from: [ProblemState.RECTIFYING],
    to: ProblemState.PENDING_VERIFICATION,
    mutation: "submitProblemForVerification",
  },
  [ProblemAction.VERIFY]: {
    from: [ProblemState.PENDING_VERIFICATION],
    to: ProblemState.CLOSED,
    mutation: "verifyProblem",
  },
  [ProblemAction.REJECT_VERIFICATION]: {
    from: [ProblemState.PENDING_VERIFICATION],
    to: ProblemState.RECTIFYING,
    mutation: "rejectProblemVerification",
  },
  [ProblemAction.REOPEN]: {
    from: [ProblemState.CLOSED],
    to: ProblemState.REOPENED,
    mutation: "reopenProblem",
  },
  [ProblemAction.EXTEND_DEADLINE]: {
    from: [ProblemState.OPEN, ProblemState.RECTIFYING, ProblemState.PENDING_VERIFICATION, ProblemState.REOPENED],
    to: null,
    mutation: "extendProblemDeadline",
  },
};

export type TransitionAction = keyof typeof TRANSITIONS;

/** The actions allowed from `state`, in the table's order. */
export function allowedActions(state: ProblemState): TransitionAction[] {
  return (Object.keys(TRANSITIONS) as TransitionAction[]).filter((action) => TRANSITIONS[action].from.includes(state));
}

/** The states reachable from `state` by one action (a state-keeping action names the state itself). */
export function nextStates(state: ProblemState): ProblemState[] {
  return [...new Set(allowedActions(state).map((action) => TRANSITIONS[action].to ?? state))];
}

/** The state after `action`, or CONFLICT naming the current state and what may follow it. */
export function transition(problemId: number, state: ProblemState, action: TransitionAction): ProblemState {
  const rule = TRANSITIONS[action];
  if (rule.from.includes(state)) return rule.to ?? state;
  const allowed = allowedActions(state).map((next) => `${TRANSITIONS[next].mutation} (→ ${TRANSITIONS[next].to ?? state})`);
  throw new IllegalTransitionError(
    `problem ${problemId} is ${state}: ${rule.mutation} needs ${rule.from.join(" or ")}. ` +
      (allowed.length > 0 ? `Allowed next: ${allowed.join(", ")}.` : "Nothing may follow."),
    state,
    nextStates(state),
  );
}

/** CONFLICT with the current state and the allowed next states also as data (extensions). */
export class IllegalTransitionError extends ConflictError {
  constructor(message: string, currentState: ProblemState, allowedNextStates: ProblemState[]) {
    super(message);
    Object.assign(this.extensions, { currentState, allowedNextStates });
  }
}
