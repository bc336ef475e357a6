/**
 * Backfill rules (补位制度), evaluated (pure) against the live lobby: which rules fire, whom to
 * prompt next, which prompts ran out of time and who goes back to their home post. The service
 * turns the actions into rows in one transaction.
 *
 * A rule's chain of prompts is "open" while one of its prompts holds the rule's open key: the
 * prompt may be pending (waiting for an answer), acknowledged (the backup covers the post),
 * or declined / expired with no further backup left. Declines and time-outs move the key to
 * the next backup in the list.
 */

export interface Backup {
  staffId?: string;
  role?: string;
}
export interface RuleTriggers {
  postEmpty?: boolean;
  queueLength?: number;
  oldestWaitMinutes?: number;
}
export interface BackfillRule {
  id: string;
  postId: string;
  backups: Backup[];
  triggers: RuleTriggers;
  /** business types whose queue the triggers watch; default: the post's (by zone kind) */
  businessTypes?: string[];
}

export interface PostInfo {
  id: string;
  name: string;
  /** the zone's name for a zone post, else the post's */
  areaName: string;
  businessTypes: string[];
}
export interface StaffInfo {
  id: string;
  name: string;
  roles: string[];
  homePostId: string | null;
}
export interface OpenPrompt {
  id: string;
  ruleId: string;
  activationId: string;
  staffId: string;
  postId: string;
  attempt: number;
  status: 'pending' | 'acknowledged' | 'declined' | 'expired';
  /** epoch ms; null: does not expire */
  expiresAt: number | null;
}

export interface RuleContext {
  now: number;
  rules: BackfillRule[];
  posts: Map<string, PostInfo>;
  staff: StaffInfo[];
  /** staff id → post id where they are checked in now */
  presence: Map<string, string>;
  waitingByType: Map<string, { waiting: number; oldestWaitMinutes: number }>;
  /** the open prompt of each rule (holding its open key), by rule id */
  open: Map<string, OpenPrompt>;
  /** staff already asked in an activation, by activation id */
  tried: Map<string, Set<string>>;
}

export interface Reason {
  trigger: 'post_empty' | 'queue_length' | 'oldest_wait';
  waiting: number;
  oldestWaitMinutes: number;
}

export type RuleAction =
  | { type: 'expire'; promptId: string }
  | { type: 'cancel'; promptId: string }
  | { type: 'close'; promptId: string }
  | { type: 'return'; promptId: string; ruleId: string; staffId: string; postId: string }
  | {
      type: 'prompt';
      ruleId: string;
      postId: string;
      staffId: string;
      activationId: string | null;
      attempt: number;
      /** the open prompt whose key passes to this one */
      previousId: string | null;
      reason: Reason;
    };

/** Whether a rule's trigger holds, and why (the first trigger that holds). */
export function triggerHolds(rule: BackfillRule, ctx: RuleContext): Reason | null {
  const post = ctx.posts.get(rule.postId);
  if (!post) return null;
  const types = rule.businessTypes?.length ? rule.businessTypes : post.businessTypes;
  let waiting = 0;
  let oldest = 0;
  for (const t of types) {
    const w = ctx.waitingByType.get(t);
    if (!w) continue;
    waiting += w.waiting;
    oldest = Math.max(oldest, w.oldestWaitMinutes);
  }
  const base = { waiting, oldestWaitMinutes: Math.floor(oldest) };
  const { triggers } = rule;
  if (triggers.postEmpty) {
    let staffed = false;
    for (const postId of ctx.presence.values()) if (postId === rule.postId) staffed = true;
    if (!staffed) return { trigger: 'post_empty', ...base };
  }
  if (triggers.queueLength !== undefined && waiting >= triggers.queueLength)
    return { trigger: 'queue_length', ...base };
  if (triggers.oldestWaitMinutes !== undefined && waiting > 0 && oldest >= triggers.oldestWaitMinutes)
    return { trigger: 'oldest_wait', ...base };
  return null;
}

/** Backups in order, roles expanded to everyone with the role (in staff order), each once. */
function backupOrder(rule: BackfillRule, staff: StaffInfo[]): StaffInfo[] {
  const out: StaffInfo[] = [];
  const seen = new Set<string>();
  for (const b of rule.backups) {
    const matches = b.staffId
      ? staff.filter((s) => s.id === b.staffId)
      : staff.filter((s) => s.roles.includes(b.role ?? ''));
    for (const s of matches) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      out.push(s);
    }
  }
  return out;
}

export function evaluateRules(ctx: RuleContext): RuleAction[] {
  const actions: RuleAction[] = [];
  // People already asked or covering somewhere cannot be asked again.
  const engaged = new Set<string>();
  for (const p of ctx.open.values())
    if (p.status === 'pending' || p.status === 'acknowledged') engaged.add(p.staffId);

  for (const rule of ctx.rules) {
    let open = ctx.open.get(rule.id) ?? null;
    if (open?.status === 'pending' && open.expiresAt !== null && open.expiresAt <= ctx.now) {
      actions.push({ type: 'expire', promptId: open.id });
      engaged.delete(open.staffId);
      open = { ...open, status: 'expired' };
    }
    const reason = triggerHolds(rule, ctx);
    if (!reason) {
      if (!open) continue;
      if (open.status === 'pending') actions.push({ type: 'cancel', promptId: open.id });
      else if (open.status === 'acknowledged')
        actions.push({
          type: 'return',
          promptId: open.id,
          ruleId: rule.id,
          staffId: open.staffId,
          postId: open.postId,
        });
      else actions.push({ type: 'close', promptId: open.id });
      engaged.delete(open.staffId);
      continue;
    }
    if (open && (open.status === 'pending' || open.status === 'acknowledged')) continue;
    const tried = open ? (ctx.tried.get(open.activationId) ?? new Set<string>()) : new Set<string>();
    const next = backupOrder(rule, ctx.staff).find((s) => {
      if (tried.has(s.id) || engaged.has(s.id)) return false;
      const at = ctx.presence.get(s.id);
      return at !== undefined && at !== rule.postId;
    });
    if (!next) continue;
    engaged.add(next.id);
    actions.push({
      type: 'prompt',
      ruleId: rule.id,
      postId: rule.postId,
      staffId: next.id,
      activationId: open?.activationId ?? null,
      attempt: (open?.attempt ?? 0) + 1,
      previousId: open?.id ?? null,
      reason,
    });
  }
  return actions;
}

/** "王芳 → 超柜位: 超柜区 6 waiting, oldest 12 min", in both languages. */
export function renderPrompt(
  staffName: string,
  post: PostInfo,
  reason: Reason,
): { 'zh-CN': string; 'en-US': string } {
  if (reason.trigger === 'post_empty')
    return {
      'zh-CN': `${staffName} → ${post.name}：岗位无人，${post.areaName} ${reason.waiting} 人等候`,
      'en-US': `${staffName} → ${post.name}: post empty, ${post.areaName} ${reason.waiting} waiting`,
    };
  return {
    'zh-CN': `${staffName} → ${post.name}：${post.areaName} ${reason.waiting} 人等候，最久 ${reason.oldestWaitMinutes} 分钟`,
    'en-US': `${staffName} → ${post.name}: ${post.areaName} ${reason.waiting} waiting, oldest ${reason.oldestWaitMinutes} min`,
  };
}

export function renderReturn(
  staffName: string,
  homePostName: string,
  post: PostInfo,
): { 'zh-CN': string; 'en-US': string } {
  return {
    'zh-CN': `${staffName} ← 回到 ${homePostName}（${post.name} 已恢复）`,
    'en-US': `${staffName} → back to ${homePostName} (${post.name} cleared)`,
  };
}
