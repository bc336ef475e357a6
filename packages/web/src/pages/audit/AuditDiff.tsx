import { Empty } from 'antd';
import { useI18n } from '../../i18n/i18n';

function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Before/after of one audit entry, one row per field; changed fields are highlighted. */
export function AuditDiff({
  before,
  after,
}: {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}) {
  const { t } = useI18n();
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (keys.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.noDiff')} />;
  const only = before && after ? null : (before ?? after);
  if (only) {
    // a creation (or a record without an after state): one column of values
    return (
      <table className="ld-diff" data-testid="audit-diff">
        <thead>
          <tr>
            <th>{t('audit.field')}</th>
            <th>{after ? t('audit.created') : t('audit.before')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.sort().map((k) => (
            <tr key={k}>
              <td className="ld-diff-key">{k}</td>
              <td>{show(only[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  const changed = (k: string) => show(before?.[k]) !== show(after?.[k]);
  keys.sort((a, b) => Number(changed(b)) - Number(changed(a)) || a.localeCompare(b));
  return (
    <table className="ld-diff" data-testid="audit-diff">
      <thead>
        <tr>
          <th>{t('audit.field')}</th>
          <th>{t('audit.before')}</th>
          <th>{t('audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k} className={changed(k) ? 'ld-diff-changed' : undefined}>
            <td className="ld-diff-key">{k}</td>
            <td className="ld-diff-before">
              {before ? show(before[k]) : <span className="ld-muted">—</span>}
            </td>
            <td className="ld-diff-after">{after ? show(after[k]) : <span className="ld-muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
