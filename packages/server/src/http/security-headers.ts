import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The headers every response carries (README, "Security"):
 * - a Content-Security-Policy: the web app's pages get `webAppPolicy` with a nonce of their own
 *   (no inline script, no eval, no plug-ins, no framing, no <base>); every other answer — JSON,
 *   .xlsx, files — gets `API_POLICY`, which allows nothing at all, so that a file opened in the
 *   browser cannot run anything either. The API docs (Swagger UI) set their own, with the hashes
 *   of their inline scripts.
 * - `Cache-Control: no-store` on every API answer: they carry personal data (JSON, .xlsx, files).
 * - Permissions-Policy switching off the browser features the app does not use; HSTS when the
 *   cookies are secure (the app is served over HTTPS).
 */
export interface SecurityOptions {
  /** COOKIE_SECURE: served over HTTPS; then browsers are told to come back over HTTPS only */
  secure: boolean;
}

export const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The policy of one page of the web app, whose <script>, <link> and <style> carry `nonce`. */
export function webAppPolicy(nonce: string, secure: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    // Style attributes (not <style> elements): antd sizes its text areas by writing one on a
    // hidden copy. An attribute cannot run script, and img-src keeps its url()s at home.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "frame-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    ...(secure ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/**
 * Browser features the app never asks for. (A photo input with `capture` opens the phone's camera app; it needs none of these.)
 * Autoplay is the app's own (never a frame's): the hall board chimes and calls tickets aloud, and a
 * screen whose browser is set to play sound without a tap (a kiosk) must not need one. Speech
 * synthesis is not a policy-controlled feature.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=(self)',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'browsing-topics=()',
].join(', ');

export const HSTS = 'max-age=31536000; includeSubDomains';

/** A fresh nonce for one HTML answer (128 bits, base64). */
export const newNonce = (): string => randomBytes(16).toString('base64');

/** Sends an HTML page with its own nonce in the page and in its policy. */
export function sendPage(reply: FastifyReply, html: string, secure: boolean): FastifyReply {
  const nonce = newNonce();
  return reply
    .header('content-security-policy', webAppPolicy(nonce, secure))
    .header('cache-control', 'no-cache')
    .type('text/html; charset=utf-8')
    .send(html.replaceAll(NONCE_PLACEHOLDER, nonce));
}

/** What the web build writes where each answer's nonce goes (packages/web/vite.config.ts, `html.cspNonce`). */
export const NONCE_PLACEHOLDER = '__LIANGDIAN_CSP_NONCE__';

const isApi = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

export function registerSecurityHeaders(app: FastifyInstance, opts: SecurityOptions) {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (opts.secure) reply.header('strict-transport-security', HSTS);
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', API_POLICY);
    if (isApi(req.url)) reply.header('cache-control', 'no-store');
    return payload;
  });
}
