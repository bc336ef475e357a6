import type { Roster, RosterShift } from '@liangdian/shared/api';
import { Alert, Form, Modal, Segmented, Select, Space } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { HALF_HOURS, type PostName } from './rosterShared';

/**
 * The shift editor of one person and day (the keyboard's way to edit; the grid's drag is the
 * mouse's): start, end, post, meal break or a day off, sent to `PUT …/shifts`; a rule the edit
 * breaks is shown in the server's words.
 */
export function ShiftModal({
  outletId,
  week,
  roster,
  target,
  postName,
  onClose,
  onSaved,
}: {
  outletId: string;
  week: string;
  roster: Roster;
  target: { staffId: string; day: string; shift: RosterShift | null };
  postName: PostName;
  onClose: () => void;
  onSaved: (r: Roster) => void;
}) {
  const { t } = useI18n();
  const showError = useApiErrorMessage();
  const posts = [...new Set(roster.coverage.map((c) => c.post))];
  const [off, setOff] = useState(target.shift === null);
  const [v, setV] = useState({
    start: target.shift?.start ?? '09:00',
    end: target.shift?.end ?? '17:00',
    post: target.shift?.post ?? posts[0] ?? '',
    breakStart: target.shift?.breakStart ?? null,
    breakEnd: target.shift?.breakEnd ?? null,
  });
  const [broken, setBroken] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const person = roster.staff.find((p) => p.id === target.staffId)?.name ?? '';
  const times = HALF_HOURS.map((h) => ({ value: h, label: h }));
  const save = async () => {
    setBusy(true);
    setBroken(null);
    try {
      onSaved(
        await api.put('/outlets/:outletId/rosters/:week/shifts', {
          params: { outletId, week },
          body: { staffId: target.staffId, day: target.day, shift: off ? null : v },
        }),
      );
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ROSTER_RULE_BROKEN')
        setBroken(String(e.problem.title ?? e.detail));
      else showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('roster.editTitle', { name: person, day: target.day })}
      onCancel={onClose}
      onOk={save}
      okText={t('common.save')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'shift-save' } as Record<`data-${string}`, string>}
    >
      <Form layout="vertical">
        <Form.Item>
          <Segmented
            value={off ? 'off' : 'on'}
            onChange={(x) => setOff(x === 'off')}
            options={[
              { value: 'on', label: t('roster.working') },
              { value: 'off', label: t('roster.offDay') },
            ]}
            data-testid="shift-off"
          />
        </Form.Item>
        {off ? null : (
          <Space wrap>
            <Form.Item label={t('roster.start')}>
              <Select
                style={{ width: 100 }}
                value={v.start}
                showSearch
                options={times}
                onChange={(x) => setV({ ...v, start: x })}
                data-testid="shift-start"
              />
            </Form.Item>
            <Form.Item label={t('roster.end')}>
              <Select
                style={{ width: 100 }}
                value={v.end}
                showSearch
                options={times}
                onChange={(x) => setV({ ...v, end: x })}
                data-testid="shift-end"
              />
            </Form.Item>
            <Form.Item label={t('roster.post')}>
              <Select
                style={{ width: 140 }}
                value={v.post}
                options={posts.map((p) => ({ value: p, label: postName(p) }))}
                onChange={(x) => setV({ ...v, post: x })}
                data-testid="shift-post"
              />
            </Form.Item>
            <Form.Item label={t('roster.breakStart')}>
              <Select
                allowClear
                style={{ width: 100 }}
                value={v.breakStart}
                showSearch
                options={times}
                onChange={(x) =>
                  setV({
                    ...v,
                    breakStart: x ?? null,
                    breakEnd: x ? (HALF_HOURS[HALF_HOURS.indexOf(x) + 1] ?? null) : null,
                  })
                }
                data-testid="shift-break"
              />
            </Form.Item>
          </Space>
        )}
        {broken ? (
          <Alert
            type="error"
            showIcon
            title={t('roster.broken')}
            description={broken}
            data-testid="shift-broken"
          />
        ) : null}
      </Form>
    </Modal>
  );
}
