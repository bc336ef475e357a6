import { describe, expect, it } from 'vitest';
import { editPatch } from './EditPatch';

const complaint = {
  channel: 'branch_premises',
  category: 'debit_card',
  cause: 'service_quality',
  staffId: null,
  peopleCount: 1,
  claim: '要求道歉',
  facts: '等候过久',
  rootCause: null,
  source: 'walk_in' as const,
  regulatorReceivedOn: null,
  forwardedOn: null,
};
const unchanged = { ...complaint, staffId: undefined, rootCause: '' };

describe('editPatch', () => {
  it('sends nothing when nothing changed (masked personal data left empty)', () => {
    expect(editPatch(complaint, { ...unchanged, complainantName: '', complainantPhone: '  ' })).toEqual({});
  });

  it('sends only the changed fields, trimmed', () => {
    expect(editPatch(complaint, { ...unchanged, claim: ' 要求书面道歉 ', cause: 'pricing_fees' })).toEqual({
      claim: '要求书面道歉',
      cause: 'pricing_fees',
    });
  });

  it('sends re-entered personal data, which replaces the stored value', () => {
    expect(editPatch(complaint, { ...unchanged, complainantPhone: '13900001111' })).toEqual({
      complainantPhone: '13900001111',
    });
  });

  it('clears a stored phone or ID number with null when asked, whatever was typed', () => {
    expect(
      editPatch(complaint, { ...unchanged, clearPhone: true, complainantPhone: '139', clearIdNumber: true }),
    ).toEqual({ complainantPhone: null, complainantIdNumber: null });
  });

  it('clears the root cause and the staff member with null', () => {
    const c = { ...complaint, rootCause: '流程缺失', staffId: 's1' };
    expect(editPatch(c, { ...unchanged, rootCause: ' ', staffId: null })).toEqual({
      rootCause: null,
      staffId: null,
    });
  });

  it('sends a regulator case’s changed dates only, and no dates for other complaints', () => {
    const reg = {
      ...complaint,
      source: 'regulator' as const,
      regulatorReceivedOn: '2024-02-07',
      forwardedOn: '2024-02-23',
    };
    const same = { ...unchanged, regulatorReceivedOn: '2024-02-07', forwardedOn: '2024-02-23' };
    expect(editPatch(reg, same)).toEqual({});
    expect(editPatch(reg, { ...same, forwardedOn: '2024-02-22' })).toEqual({ forwardedOn: '2024-02-22' });
    expect(editPatch(complaint, { ...unchanged, forwardedOn: '2024-02-22' })).toEqual({});
  });
});
