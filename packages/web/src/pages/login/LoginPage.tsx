import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { DemoLogin } from '@liangdian/shared/api';
import { Alert, App, Button, Card, Form, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useI18n } from '../../i18n/i18n';
import { BrandMark } from '../../layout/AppLayout';

interface Values {
  username: string;
  password: string;
}

/** The demo branch's logins (while it is loaded): role and outlet by name; a click fills the form. */
function DemoLogins({ logins, onPick }: { logins: DemoLogin[]; onPick: (username: string) => void }) {
  const { t, tEnum } = useI18n();
  return (
    <div className="ld-login-demo">
      <div className="ld-login-demo-title">{t('login.demoLogins')}</div>
      <Table<DemoLogin>
        size="small"
        rowKey="username"
        pagination={false}
        data-testid="demo-logins"
        dataSource={logins}
        onRow={(l) => ({
          onClick: () => onPick(l.username),
          title: t('login.demoUse'),
          style: { cursor: 'pointer' },
        })}
        columns={[
          {
            title: t('login.demoUser'),
            dataIndex: 'username',
            render: (v: string) => <span className="ld-mono">{v}</span>,
          },
          { title: t('login.demoRole'), dataIndex: 'role', render: (v: string) => tEnum('userRole', v) },
          {
            title: t('login.demoScope'),
            dataIndex: 'outletName',
            render: (v: string | null) => v ?? <span className="ld-muted">{t('users.wholeBranch')}</span>,
          },
        ]}
      />
    </div>
  );
}

export function LoginPage() {
  const { t, formatTime, setLocale } = useI18n();
  const [form] = Form.useForm<Values>();
  const { user, meta, login } = useAuth();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = params.get('from');
  const target = from?.startsWith('/') && !from.startsWith('//') ? from : '/';

  if (user) return <Navigate to={target} replace />;

  const describe = (e: unknown): string => {
    if (!(e instanceof ApiError)) return t('error.unknown');
    switch (e.code) {
      case 'INVALID_CREDENTIALS':
        return t('login.invalid');
      case 'ACCOUNT_LOCKED': {
        const until = typeof e.problem.lockedUntil === 'string' ? e.problem.lockedUntil : null;
        return until ? t('login.lockedUntil', { time: formatTime(until) }) : e.detail || t('login.locked');
      }
      case 'RATE_LIMITED':
        return e.retryAfter
          ? t('login.rateLimitedSeconds', { seconds: e.retryAfter })
          : t('login.rateLimited');
      default:
        if (e.status === 0) return t('error.network');
        if (e.status >= 500) return t('error.server');
        return e.detail || e.code;
    }
  };

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const { notice } = await login(v.username.trim(), v.password);
      // told once: the login's answer is the only place it comes from
      if (notice) {
        notification.warning({
          key: 'sign-in-notice',
          title: t('login.notice.title'),
          description: [
            t('login.notice.failed', { count: notice.failedAttempts }),
            notice.locks ? t('login.notice.locked', { count: notice.locks }) : '',
            t('login.notice.advice'),
          ]
            .filter(Boolean)
            .join(' '),
          duration: 0,
          props: { 'data-testid': 'sign-in-notice' },
        });
      }
      navigate(target, { replace: true });
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ld-login">
      <Card className="ld-login-card" variant="borderless">
        <div className="ld-login-head">
          <BrandMark />
          <h1 className="ld-login-title">{t('app.name')}</h1>
          {meta?.demo ? (
            <Tag color="orange" variant="filled" data-testid="demo-tag">
              {t('header.demo')}
            </Tag>
          ) : null}
        </div>
        <p className="ld-login-sub">
          {meta?.bankName ? `${meta.bankName} · ${t('login.subtitle')}` : t('login.subtitle')}
        </p>
        {error ? (
          <Alert
            type="error"
            showIcon
            title={error}
            data-testid="login-error"
            style={{ marginBottom: 16 }}
            role="alert"
          />
        ) : null}
        <Form<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        {meta?.demo && meta.demoLogins.length ? (
          <DemoLogins
            logins={meta.demoLogins}
            onPick={(username) => {
              form.setFieldsValue({ username });
              form.getFieldInstance('password')?.focus?.();
            }}
          />
        ) : null}
        <div className="ld-login-foot">
          <span>{meta?.demo ? t('login.demoHint') : meta?.version ? `v${meta.version}` : ''}</span>
          <LanguageSwitch onChange={setLocale} />
        </div>
      </Card>
    </div>
  );
}
