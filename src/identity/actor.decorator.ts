import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../ledger/envelope';

export interface AuthenticatedRequest {
  actor?: Actor;
}

/** The authenticated actor of the request, set by the auth guard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('no authenticated actor on a route that needs one');
  return actor;
});
