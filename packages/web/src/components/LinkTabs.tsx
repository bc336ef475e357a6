import { Tabs, type TabsProps } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';

/**
 * For a menu entry or tab that holds a link: follows it when the entry is chosen from the
 * keyboard. A plain click has already been followed by the link (the address changed first);
 * a click with Ctrl/⌘/Shift or the middle button is the browser's (a new tab or window).
 */
export function useFollowEntry() {
  const navigate = useNavigate();
  return (
    to: string,
    event?: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean; altKey?: boolean; button?: number },
  ) => {
    if (
      event &&
      (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || (event.button ?? 0) !== 0)
    )
      return;
    if (window.location.pathname + window.location.search !== to) navigate(to);
  };
}

export interface LinkTab {
  key: string;
  label: ReactNode;
  /** the address of the tab (the URL holds which tab is open) */
  to: string;
  /** the tab's content, for tabs within a page */
  children?: ReactNode;
}

/**
 * The address of a tab within a page: this page with `?tab=<key>` (none for the default tab),
 * the other filters kept except `reset` ones (e.g. the page number).
 */
export function useTabAddress(param = 'tab', defaultKey?: string, reset: string[] = []) {
  const location = useLocation();
  return (key: string) => {
    const q = new URLSearchParams(location.search);
    for (const r of reset) q.delete(r);
    if (key === defaultKey) q.delete(param);
    else q.set(param, key);
    const qs = q.toString();
    return `${location.pathname}${qs ? `?${qs}` : ''}`;
  };
}

/**
 * Tabs that are links: each tab has its own address, so it can be opened in a new browser tab,
 * copied and bookmarked, and the open tab follows the URL (`activeKey` comes from it).
 */
export function LinkTabs({
  items,
  activeKey,
  ...rest
}: { items: LinkTab[]; activeKey: string } & Omit<
  TabsProps,
  'items' | 'activeKey' | 'onChange' | 'onTabClick'
>) {
  const follow = useFollowEntry();
  return (
    <Tabs
      {...rest}
      activeKey={activeKey}
      onTabClick={(k, e) => {
        const tab = items.find((i) => i.key === k);
        if (tab) follow(tab.to, e as unknown as MouseEvent);
      }}
      items={items.map((i) => ({
        key: i.key,
        children: i.children,
        label: (
          <Link to={i.to} className="ld-tab-link" data-testid={`tab-${i.key}`}>
            {i.label}
          </Link>
        ),
      }))}
    />
  );
}
