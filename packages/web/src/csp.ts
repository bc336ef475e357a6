import { config } from 'zod';

/**
 * What the page's Content-Security-Policy (packages/server/src/http/security-headers.ts) asks of
 * the app: no eval, and only <style> elements that carry the page's nonce. Imported first by
 * main.tsx, before any schema is built.
 */

// zod compiles object parsers with `new Function` unless told not to; under the policy that is
// refused and reported, so it never tries.
config({ jitless: true });

/** The nonce the server gave this page (Vite's `html.cspNonce` meta tag); absent in development. */
export const CSP_NONCE: string | undefined =
  document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce || undefined;

// antd writes its styles with the nonce it is given (ConfigProvider `csp`); a few helpers of its
// own (the scrollbar measure of tables) add a <style> to <head> without asking. Those get the
// page's nonce as they are added. Only script can add an element, and script runs only from
// the app's own files.
if (CSP_NONCE) {
  const head = HTMLHeadElement.prototype;
  const withNonce = <T extends Node>(node: T): T => {
    if (node instanceof HTMLStyleElement && !node.nonce) node.nonce = CSP_NONCE as string;
    return node;
  };
  const append = head.appendChild;
  const insert = head.insertBefore;
  head.appendChild = function <T extends Node>(this: HTMLHeadElement, node: T): T {
    return append.call(this, withNonce(node)) as T;
  };
  head.insertBefore = function <T extends Node>(this: HTMLHeadElement, node: T, child: Node | null): T {
    return insert.call(this, withNonce(node), child) as T;
  };
}
