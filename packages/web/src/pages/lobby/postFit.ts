import type { BusinessType, LobbyPresence, Post, Staff, Zone } from '@liangdian/shared/api';

/** The roles that hold the welcome post (迎宾位): the lobby's own people. */
const WELCOME_ROLES = ['lobby_manager', 'lobby_service_manager'];

/**
 * The business types served at a post (pure): a zone post and the super-counter post serve the
 * active types whose default zone kind is their zone's kind (the super-counter post without a
 * zone: the super-counter types); the welcome post receives everyone (null: every type).
 */
export function postBusinessTypes(
  post: Post,
  zones: readonly Zone[],
  types: readonly BusinessType[],
): string[] | null {
  if (post.kind === 'welcome') return null;
  const kind =
    zones.find((z) => z.id === post.zoneId)?.kind ?? (post.kind === 'super_counter' ? 'super_counter' : null);
  if (!kind) return [];
  return types.filter((b) => b.active && b.defaultZoneKind === kind).map((b) => b.code);
}

/** Whether a person can take a post: the welcome post by a lobby role, the others by a skill in the post's business. */
export function canTake(
  person: Pick<Staff, 'roles' | 'skills'>,
  post: Post,
  postTypes: readonly string[] | null,
): boolean {
  if (post.kind === 'welcome' || postTypes === null)
    return person.roles.some((r) => WELCOME_ROLES.includes(r));
  return person.skills.some((s) => postTypes.includes(s));
}

/**
 * The people offered for a post, in two groups: first those who can take it, then the others;
 * within each, those at work today (checked in at another post) before those not checked in,
 * then as the server listed them. The ones already at the post go last.
 */
export function offerOrder<S extends Pick<Staff, 'id' | 'roles' | 'skills'>>(
  staff: readonly S[],
  post: Post,
  postTypes: readonly string[] | null,
  presence: readonly Pick<LobbyPresence, 'staffId' | 'postId'>[],
): { fit: S[]; others: S[] } {
  const at = new Map(presence.map((p) => [p.staffId, p.postId]));
  const rank = (s: S) => (at.get(s.id) === post.id ? 2 : at.has(s.id) ? 0 : 1);
  const sorted = staff
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
    .map((x) => x.s);
  return {
    fit: sorted.filter((s) => canTake(s, post, postTypes)),
    others: sorted.filter((s) => !canTake(s, post, postTypes)),
  };
}
