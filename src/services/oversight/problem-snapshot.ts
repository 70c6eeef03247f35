import type { ProblemEntity, ProblemEventEntity, RectificationProjectEntity } from "../../entities/oversight.entities";

/** The audit log's view of a problem: the fields a transition changes, nothing bulky. */
export function problemSnapshot(problem: ProblemEntity): object {
  return {
    id: problem.id,
    organizationId: problem.organizationId,
    responsibilityId: problem.responsibilityId,
    state: problem.state,
    deadline: problem.deadline,
    rectificationMode: problem.rectificationMode,
    closedOn: problem.closedOn,
    reopenCount: problem.reopenCount,
  };
}

export function eventSnapshot(event: ProblemEventEntity): object {
  return {
    seq: event.seq,
    action: event.action,
    fromState: event.fromState,
    toState: event.toState,
    deadlineBefore: event.deadlineBefore,
    deadlineAfter: event.deadlineAfter,
    occurredOn: event.occurredOn,
    reason: event.reason,
    projectId: event.projectId,
    verifierOrganizationId: event.verifierOrganizationId,
  };
}

export function projectSnapshot(project: RectificationProjectEntity): object {
  return {
    id: project.id,
    mode: project.mode,
    startDate: project.startDate,
    dueDate: project.dueDate,
    ownerAppointmentId: project.ownerAppointmentId,
  };
}
