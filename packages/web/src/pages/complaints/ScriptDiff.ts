/** One run of a comparison: text kept, removed (only in the old) or added (only in the new). */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/**
 * Tokens for comparing Chinese and Western text alike: every CJK character on its own (Chinese
 * has no word breaks), runs of Latin letters and digits as words, and any other character alone.
 */
export function tokenize(text: string): string[] {
  return text.match(/[A-Za-z0-9_]+|\s+|[\s\S]/gu) ?? [];
}

/** Above this many LCS cells the middle is shown as one removal and one addition. */
const MAX_CELLS = 2_000_000;

function push(out: DiffPart[], kind: DiffPart['kind'], text: string) {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.kind === kind) last.text += text;
  else out.push({ kind, text });
}

/**
 * A readable comparison of two versions of a script: the common start and end are cut off, the
 * middle is compared token by token (longest common subsequence).
 */
export function diffText(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: DiffPart[] = [];
  push(out, 'same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) {
    push(out, 'removed', midA.join(''));
    push(out, 'added', midB.join(''));
  } else {
    const n = midA.length;
    const m = midB.length;
    // lcs[i][j]: length of the LCS of midA[i..] and midB[j..]
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      const row = lcs[i]!;
      const next = lcs[i + 1]!;
      for (let j = m - 1; j >= 0; j--) {
        row[j] = midA[i] === midB[j] ? next[j + 1]! + 1 : Math.max(next[j]!, row[j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push(out, 'same', midA[i]!);
        i++;
        j++;
      } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
        push(out, 'removed', midA[i]!);
        i++;
      } else {
        push(out, 'added', midB[j]!);
        j++;
      }
    }
    push(out, 'removed', midA.slice(i).join(''));
    push(out, 'added', midB.slice(j).join(''));
  }
  push(out, 'same', a.slice(endA).join(''));
  return mergeShortEqualities(out);
}

/** Equalities this short between two changes read as noise ("短信通[知]您"): fold them into the changes. */
const SHORT = 2;

type Block = { same: string } | { del: string; ins: string };

function mergeShortEqualities(parts: DiffPart[]): DiffPart[] {
  const blocks: Block[] = [];
  for (const p of parts) {
    const last = blocks[blocks.length - 1];
    if (p.kind === 'same') blocks.push({ same: p.text });
    else if (last && 'del' in last) last[p.kind === 'removed' ? 'del' : 'ins'] += p.text;
    else blocks.push(p.kind === 'removed' ? { del: p.text, ins: '' } : { del: '', ins: p.text });
  }
  const merged: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const prev = merged[merged.length - 1];
    const next = blocks[i + 1];
    if ('same' in b && prev && 'del' in prev && next && 'del' in next && b.same.length <= SHORT) {
      prev.del += b.same + next.del;
      prev.ins += b.same + next.ins;
      i++;
    } else if ('del' in b && prev && 'del' in prev) {
      prev.del += b.del;
      prev.ins += b.ins;
    } else merged.push({ ...b });
  }
  const out: DiffPart[] = [];
  for (const b of merged) {
    if ('same' in b) push(out, 'same', b.same);
    else {
      push(out, 'removed', b.del);
      push(out, 'added', b.ins);
    }
  }
  return out;
}
