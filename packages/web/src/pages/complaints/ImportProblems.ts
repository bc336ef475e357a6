/** One problem of the file: a row (null for the sheet as a whole), the column and the message. */
export interface ImportProblem {
  key: string;
  row: number | null;
  column: string;
  message: string;
}

/** `rows.<n>.<column>` and `columns.<column>` problems of an IMPORT_FAILED / VALIDATION_FAILED answer. */
export function importProblems(
  e: { errors: { field: string; message: string }[]; detail: string },
  columnLabel: (key: string) => string,
  missing: string,
): ImportProblem[] {
  return e.errors.map((f, i) => {
    const [scope, a, b] = f.field.split('.');
    if (scope === 'rows' && a)
      return { key: `${i}`, row: Number(a), column: columnLabel(b ?? ''), message: f.message };
    if (scope === 'columns' && a) return { key: `${i}`, row: null, column: columnLabel(a), message: missing };
    return { key: `${i}`, row: null, column: '—', message: f.message || e.detail };
  });
}
