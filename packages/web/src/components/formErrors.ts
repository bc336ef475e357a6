import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts server-side validation errors on the matching form fields.
 * `errors[].field` is a dotted path such as `body.name` or `body.roles.0`; a conflict code
 * (e.g. OUTLET_CODE_TAKEN) is mapped to a field through `codeFields`.
 * Returns true when at least one error was shown on a field.
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  codeFields: Record<string, string> = {},
): boolean {
  if (!(error instanceof ApiError)) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const byField = new Map<string, string[]>();
  for (const e of error.errors) {
    const parts = e.field.split('.');
    const name = parts[0] === 'body' || parts[0] === 'query' ? parts[1] : parts[0];
    if (!name || !known.has(name)) continue;
    const list = byField.get(name) ?? [];
    list.push(e.message);
    byField.set(name, list);
  }
  const codeField = codeFields[error.code];
  if (codeField && known.has(codeField) && !byField.has(codeField)) {
    byField.set(codeField, [error.detail || error.code]);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField.entries()].map(([name, errors]) => ({ name, errors })));
  const first = [...byField.keys()][0];
  if (first) form.scrollToField(first);
  return true;
}
