import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';

/** "Does not exist or you may not see it": the server answers both alike (existence is not revealed). */
export function NotFoundPage({ title, subTitle }: { title?: string; subTitle?: string }) {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={title ?? t('notFound.title')}
      subTitle={<span data-testid="not-found">{subTitle ?? t('notFound.subtitle')}</span>}
      extra={
        <Link to="/">
          <Button type="primary">{t('notFound.back')}</Button>
        </Link>
      }
    />
  );
}

/** A page the signed-in user's role may not open. */
export function RefusedPage() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('refused.title')}
      subTitle={<span data-testid="refused">{t('refused.subtitle')}</span>}
      extra={
        <Link to="/">
          <Button type="primary">{t('notFound.back')}</Button>
        </Link>
      }
    />
  );
}
