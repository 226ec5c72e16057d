import { SetMetadata } from '@nestjs/common';
import type { Role } from '../../events/user';

export const ROLES_KEY = 'p8:roles';
export const PUBLIC_KEY = 'p8:public';
export const QUERY_TOKEN_KEY = 'p8:query-token';

/** Only these roles may call the route (403 for the others). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No token needed. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Browsers' EventSource cannot send headers: accept `access_token` in the query too. */
export const AllowQueryToken = () => SetMetadata(QUERY_TOKEN_KEY, true);
