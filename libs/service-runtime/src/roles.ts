export const ROLES = ['ADMIN', 'MANAGER', 'SALES_REP', 'MARKETER', 'ANALYST'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is calling: taken from a verified access token, never from anything else the client sends. */
export interface Caller {
  tenantId: string;
  userId: string;
  roles: Role[];
}
