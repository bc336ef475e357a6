import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, onPasswordChangeRequired, onUnauthenticated } from './client';

const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ status, code, title: code, detail: code }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

describe('the API client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    onPasswordChangeRequired(null);
    onUnauthenticated(null);
  });

  it('hands a 403 PASSWORD_CHANGE_REQUIRED to the shell (the forced change), not to a sign-out', async () => {
    vi.stubGlobal('fetch', async () => problem(403, 'PASSWORD_CHANGE_REQUIRED'));
    const changeRequired = vi.fn();
    const signedOut = vi.fn();
    onPasswordChangeRequired(changeRequired);
    onUnauthenticated(signedOut);
    await expect(api.get('/home')).rejects.toBeInstanceOf(ApiError);
    expect(changeRequired).toHaveBeenCalledTimes(1);
    expect(signedOut).not.toHaveBeenCalled();
  });

  it('leaves other refusals alone', async () => {
    vi.stubGlobal('fetch', async () => problem(403, 'FORBIDDEN'));
    const changeRequired = vi.fn();
    onPasswordChangeRequired(changeRequired);
    await expect(api.get('/home')).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(changeRequired).not.toHaveBeenCalled();
  });
});
