import { Breadcrumb } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Link } from 'react-router';
import { type MessageKey, useI18n } from '../i18n/i18n';

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

/** A page with a `<page>.title` and a menu entry `nav.<page>`. */
type ListPage<P extends string> = `${P}.title` extends MessageKey
  ? `nav.${P}` extends MessageKey
    ? P
    : never
  : never;

/**
 * The header of a list page in the menu: its title (`<page>.title`), the breadcrumb of the menu
 * group and entry (`nav.group.<group>`, `nav.<page>`), "共 N 条" once `total` is known, and the
 * page's actions (`children`: export, new…).
 */
export function ListPageHeader<P extends string>({
  group,
  page,
  total,
  children,
}: {
  group: 'organisation' | 'system' | 'complaints';
  page: ListPage<P>;
  total: number | undefined;
  children: ReactNode;
}) {
  const { t, formatNumber } = useI18n();
  return (
    <PageHeader
      title={t(`${page}.title` as MessageKey)}
      crumbs={[{ title: t(`nav.group.${group}`) }, { title: t(`nav.${page}` as MessageKey) }]}
      subTitle={total === undefined ? undefined : t('common.totalCount', { n: formatNumber(total) })}
      extra={children}
    />
  );
}
