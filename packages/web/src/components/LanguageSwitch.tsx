import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import type { Locale } from '@liangdian/shared/api';
import { LOCALES, useI18n } from '../i18n/i18n';

const NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', 'en-US': 'English' };

export function LanguageSwitch({ onChange }: { onChange: (l: Locale) => void }) {
  const { locale, t } = useI18n();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALES.map((l) => ({ key: l, label: <span data-testid={`lang-${l}`}>{NAMES[l]}</span> })),
        onClick: ({ key }) => onChange(key as Locale),
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        aria-label={t('header.language')}
        data-testid="lang-switch"
      >
        {NAMES[locale]}
      </Button>
    </Dropdown>
  );
}
