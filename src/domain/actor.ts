/** Who acts: the roles of the product (DESIGN §1) and the signed-in user a command runs for. */

export const ROLES = ['admin', 'office_specialist', 'office_lead', 'leader', 'agency_lead', 'agency_staff'] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in user, as policies and commands see them. */
export interface Actor {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  agencyId: number;
  /** Set when the user is one of the leaders (Chủ tịch, Phó Chủ tịch). */
  leaderId: number | null;
}
