import { Tabs, type TabsProps } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useKeyboardNavigate } from '../layout/AppLayout';

export interface LinkTab {
  key: string;
  label: ReactNode;
  /** the address of the tab (the URL holds which tab is open) */
  to: string;
}

/**
 * Tabs that are links: each tab has its own address, so it can be opened in a new browser tab,
 * copied and bookmarked, and the open tab follows the URL (`activeKey` comes from it).
 */
export function LinkTabs({
  items,
  activeKey,
  ...rest
}: { items: LinkTab[]; activeKey: string } & Omit<TabsProps, 'items' | 'activeKey' | 'onChange'>) {
  const go = useKeyboardNavigate();
  return (
    <Tabs
      {...rest}
      activeKey={activeKey}
      onChange={(k) => {
        const tab = items.find((i) => i.key === k);
        if (tab) go(tab.to);
      }}
      items={items.map((i) => ({
        key: i.key,
        label: (
          <Link to={i.to} className="ld-tab-link" data-testid={`tab-${i.key}`}>
            {i.label}
          </Link>
        ),
      }))}
    />
  );
}
