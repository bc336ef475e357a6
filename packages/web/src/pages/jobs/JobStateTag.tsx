import type { JobStateName } from '@liangdian/shared/api';
import { Tag } from 'antd';
import { type MessageKey, useI18n } from '../../i18n/i18n';

const COLOUR: Record<JobStateName, string> = {
  created: 'default',
  retry: 'orange',
  active: 'processing',
  completed: 'success',
  cancelled: 'default',
  failed: 'error',
};

/** A background job's state in the reader's language (the same colours on /planning and /jobs). */
export function JobStateTag({ state }: { state: JobStateName }) {
  const { t } = useI18n();
  return (
    <Tag color={COLOUR[state]} data-state={state}>
      {t(`jobState.${state}` as MessageKey)}
    </Tag>
  );
}
