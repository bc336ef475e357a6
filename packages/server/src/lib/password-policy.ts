import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@liangdian/shared';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { DomainError, type FieldProblem } from './errors';

/**
 * The password policy, the one place it is decided (every password set goes through
 * `checkPassword`: a change by its owner, an account created or reset by an admin or the CLI):
 * - at least PASSWORD_MIN_LENGTH characters, at most PASSWORD_MAX_LENGTH;
 * - not built from the account's username or name;
 * - not common nor easy to guess: zxcvbn-ts (its lists of common passwords, words, names,
 *   keyboard runs, repeats, dates) must estimate at least 10^8 guesses (its score 3, "safely
 *   unguessable" against an online attack and a slowed offline one).
 * No rule on kinds of character: length and unguessability are what count (NIST SP 800-63B).
 */
export const MIN_SCORE = 3;

/** zxcvbn's matching grows with the length; a longer password is judged on this much of it. */
const JUDGED_LENGTH = 64;

let zxcvbn: ZxcvbnFactory | null = null;
const estimator = () =>
  (zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  }));

/** Lower case, letters and digits only: `Li.Juan` and `li_juan` are the same name. */
const bare = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

export interface PasswordOwner {
  username: string;
  displayName: string;
}

/** The policy codes a candidate password breaks, first the plainest; empty when it is acceptable. */
export function passwordProblems(password: string, owner: PasswordOwner): string[] {
  if (password.length < PASSWORD_MIN_LENGTH) return ['PASSWORD_TOO_SHORT'];
  if (password.length > PASSWORD_MAX_LENGTH) return ['PASSWORD_TOO_LONG'];
  const names = [owner.username, owner.displayName].map(bare).filter((n) => n.length >= 2);
  const plain = bare(password);
  if (names.some((n) => plain.includes(n))) return ['PASSWORD_CONTAINS_NAME'];
  // the parts of a name (`li`, `juan` of `li.juan`) count as words the attacker knows
  const parts = [owner.username, owner.displayName].flatMap((n) => n.split(/[^\p{L}\p{N}]+/u));
  const result = estimator().check(password.slice(0, JUDGED_LENGTH), [...names, ...parts.filter(Boolean)]);
  if (result.score >= MIN_SCORE) return [];
  const usesName = result.sequence.some((m) => 'dictionaryName' in m && m.dictionaryName === 'userInputs');
  return [usesName ? 'PASSWORD_CONTAINS_NAME' : 'PASSWORD_TOO_COMMON'];
}

/** Refuses a password that breaks the policy: 400 PASSWORD_POLICY with the reason on `field`. */
export function checkPassword(password: string, owner: PasswordOwner, field: string): void {
  const problems = passwordProblems(password, owner);
  if (!problems.length) return;
  const params = { minimum: PASSWORD_MIN_LENGTH, maximum: PASSWORD_MAX_LENGTH };
  const fields: FieldProblem[] = problems.map((code) => ({ field, code, params }));
  throw new DomainError('PASSWORD_POLICY', {}, fields);
}
