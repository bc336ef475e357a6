import { ArrowLeftOutlined } from '@ant-design/icons';
import { allows } from '@liangdian/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Select } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { LinkTabs } from '../../components/LinkTabs';
import { PageHeader } from '../../components/PageHeader';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { useOutlet } from '../outlets/OutletDetailPage';
import type { SettingsSection } from './rosterSettingsModel';

const SECTIONS: SettingsSection[] = ['rules', 'leave', 'preferences'];

/**
 * The header of the three roster settings pages (排班规则, 请假与不可排, 排班偏好): the breadcrumb
 * lobby → 周排班 → the page, a back-link to the week's roster, and tabs between the three.
 */
export function RosterSettingsHeader({ outletId, active }: { outletId: string; active: SettingsSection }) {
  const { t } = useI18n();
  const outlet = useOutlet(outletId);
  const title = t(`rosterSettings.${active}.title` as MessageKey);
  const roster = `/lobby/${outletId}/roster`;
  return (
    <>
      <PageHeader
        title={title}
        subTitle={outlet.data?.name ?? ''}
        crumbs={[
          { title: t('nav.lobby'), to: `/lobby/${outletId}` },
          { title: t('roster.title'), to: roster },
          { title },
        ]}
        extra={
          <Link to={roster} data-testid="roster-back">
            <Button icon={<ArrowLeftOutlined />}>{t('rosterSettings.back')}</Button>
          </Link>
        }
      />
      <LinkTabs
        activeKey={active}
        items={SECTIONS.map((key) => ({
          key,
          label: t(`rosterSettings.${key}.title` as MessageKey),
          to: `${roster}/${key}`,
        }))}
      />
    </>
  );
}

/** Whether the signed-in user may change the outlet's rules, leave and preferences (roster.edit). */
export function useRosterEditable(outletId: string): boolean {
  const user = useUser();
  return allows(user, 'roster.edit', outletId);
}

/** The outlet's active staff (with their elastic flag and window), the people the pages list. */
export function useRosterStaff(outletId: string) {
  return useQuery({
    queryKey: ['roster-staff', outletId],
    queryFn: () => api.get('/outlets/:outletId/staff-elastic', { params: { outletId } }),
  });
}

/** 周一 … 周日 (0 = Monday), in the reader's language. */
export function useWeekdays(): string[] {
  const { t } = useI18n();
  return [0, 1, 2, 3, 4, 5, 6].map((d) => t(`rosterSettings.weekday.${d}` as MessageKey));
}

/** The person a leave record or a preference is for: a searchable list of the outlet's staff. */
export function PersonField({
  staff,
  testId,
}: {
  staff: ReadonlyArray<{ staffId: string; staffName: string }>;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="staffId"
      label={t('rosterSettings.person')}
      rules={[{ required: true, message: t('rosterSettings.leave.pickPerson') }]}
    >
      <Select
        showSearch
        optionFilterProp="label"
        options={staff.map((p) => ({ value: p.staffId, label: p.staffName }))}
        data-testid={testId}
      />
    </Form.Item>
  );
}
