import { Breadcrumb } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Link } from 'react-router';

export interface Crumb {
  title: string;
  to?: string;
}

export function PageHeader({
  title,
  subTitle,
  crumbs,
  extra,
  tags,
}: {
  title: ReactNode;
  subTitle?: ReactNode;
  crumbs: Crumb[];
  extra?: ReactNode;
  tags?: ReactNode;
}) {
  const last = crumbs[crumbs.length - 1]?.title;
  useEffect(() => {
    document.title = last ? `${last} · 四亮点 Liangdian` : '四亮点 · Liangdian';
  }, [last]);
  return (
    <div className="ld-page-header">
      <Breadcrumb items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))} />
      <div className="ld-page-header-row">
        <h1 className="ld-page-header-title">{title}</h1>
        {tags}
        {subTitle ? <span className="ld-page-header-sub">{subTitle}</span> : null}
        {extra ? <div className="ld-page-header-extra">{extra}</div> : null}
      </div>
    </div>
  );
}
