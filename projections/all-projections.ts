import { approvalsProjection } from './approvals/approvals.projection';
import { auditProjection } from './audit/audit.projection';
import { idempotencyProjection } from './idempotency/idempotency.projection';
import { indicatorFactsProjection } from './indicators/indicator-facts.projection';
import type { ProjectionDefinition } from './projection';
import { subjectsProjection } from './subjects/subjects.projection';
import { targetsProjection } from './targets/targets.projection';
import { usersProjection } from './users/users.projection';

/** Every read model the service keeps. */
export const ALL_PROJECTIONS: readonly ProjectionDefinition[] = [
  usersProjection,
  idempotencyProjection,
  indicatorFactsProjection,
  auditProjection,
  subjectsProjection,
  approvalsProjection,
  targetsProjection,
];
