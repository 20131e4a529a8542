/**
 * Who may change the record: a member with the configured editor role (EDITOR_ROLE_ID), or with Manage Server
 * (Administrator implies it, as in Discord). Discord sends the member's resolved permissions with every guild
 * interaction; outside a server (a DM) there is no member, and nobody may edit.
 */
export interface Actor {
  userId: string;
  /** The name shown as the author: the member's server nickname, else their display name, else username. */
  name: string;
  /** Role ids; absent outside a server. */
  roles?: readonly string[];
  /** Discord's permission bit set as a decimal string; absent outside a server. */
  permissions?: string;
}

const ADMINISTRATOR = 1n << 3n;
const MANAGE_GUILD = 1n << 5n;

export function canEdit(actor: Actor | undefined, editorRoleId: string | null): boolean {
  if (!actor || actor.permissions === undefined) return false;
  // A bit set Discord did not send as digits grants nothing.
  const bits = /^\d+$/.test(actor.permissions) ? BigInt(actor.permissions) : 0n;
  if ((bits & (ADMINISTRATOR | MANAGE_GUILD)) !== 0n) return true;
  return editorRoleId !== null && (actor.roles ?? []).includes(editorRoleId);
}
