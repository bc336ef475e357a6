import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { checkPassword, passwordProblems } from './password-policy';

const liJuan = { username: 'li.juan', displayName: '李娟' };

describe('password policy', () => {
  it('accepts a long password that is hard to guess (the demo password too)', () => {
    expect(passwordProblems('orchid-harbor-53', liJuan)).toEqual([]);
    expect(passwordProblems('liangdian-demo', { username: 'admin', displayName: '系统管理员' })).toEqual([]);
  });

  it('refuses fewer than 12 characters', () => {
    expect(passwordProblems('Zq7-lant3rn', liJuan)).toEqual(['PASSWORD_TOO_SHORT']);
  });

  it('refuses common passwords and easy patterns of 12 characters or more', () => {
    for (const p of ['password1234', 'qwertyuiop12', '123456789012', 'aaaaaaaaaaaa', 'iloveyou2024'])
      expect(passwordProblems(p, liJuan), p).toEqual(['PASSWORD_TOO_COMMON']);
  });

  it('refuses a password built from the username or the name', () => {
    expect(passwordProblems('Li.Juan-2024!x', liJuan)).toEqual(['PASSWORD_CONTAINS_NAME']);
    expect(passwordProblems('李娟李娟12345678', liJuan)).toEqual(['PASSWORD_CONTAINS_NAME']);
    expect(passwordProblems('juan19900101', liJuan)).toEqual(['PASSWORD_CONTAINS_NAME']);
  });

  it('answers PASSWORD_POLICY with the reason on the field and the bounds as parameters', () => {
    try {
      checkPassword('short', liJuan, 'body.newPassword');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('PASSWORD_POLICY');
      expect((e as DomainError).fields).toEqual([
        { field: 'body.newPassword', code: 'PASSWORD_TOO_SHORT', params: { minimum: 12, maximum: 200 } },
      ]);
    }
  });
});
