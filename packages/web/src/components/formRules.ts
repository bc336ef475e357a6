import type { FormRule } from 'antd';
import type { I18n } from '../i18n/i18n';

type T = I18n['t'];

/** The "必填" rule of a field that is not free text (a select, a number). */
export const requiredRule = (t: T): FormRule => ({ required: true, message: t('form.required') });

/** A required text field: not blank, and at most `max` characters when given. */
export function requiredText(t: T, max?: number): FormRule[] {
  const rules: FormRule[] = [{ required: true, whitespace: true, message: t('form.required') }];
  if (max !== undefined) rules.push({ max, message: t('form.max', { n: max }) });
  return rules;
}
