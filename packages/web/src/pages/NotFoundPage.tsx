import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';

export function NotFoundPage({ title, subTitle }: { title?: string; subTitle?: string }) {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={title ?? t('notFound.title')}
      subTitle={<span data-testid="not-found">{subTitle ?? t('notFound.subtitle')}</span>}
      extra={
        <Link to="/outlets">
          <Button type="primary">{t('notFound.back')}</Button>
        </Link>
      }
    />
  );
}
