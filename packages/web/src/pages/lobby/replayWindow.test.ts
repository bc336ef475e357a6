import { describe, expect, it } from 'vitest';
import { activityWindow } from './replayWindow';

const day = (busy: number[], n = 288) =>
  Array.from({ length: n }, (_, i) => ({
    arrivals: busy.includes(i) ? 1 : 0,
    waiting: 0,
    backfillActions: 0,
  }));

describe('the hours of the replay', () => {
  it('runs from the first to the last activity, padded half an hour, not the whole day', () => {
    // 5-minute steps: 09:00 is point 108, 17:00 point 204
    expect(activityWindow(day([108, 150, 204]), 5)).toEqual({ from: 102, to: 210 });
    // 1-minute steps, padding of 30 points
    expect(activityWindow(day([540, 1020], 1440), 1)).toEqual({ from: 510, to: 1050 });
  });
  it('counts waiting customers and prompts as activity, and stays within the day', () => {
    const pts = day([], 288);
    pts[2] = { arrivals: 0, waiting: 3, backfillActions: 0 };
    pts[286] = { arrivals: 0, waiting: 0, backfillActions: 1 };
    expect(activityWindow(pts, 5)).toEqual({ from: 0, to: 287 });
  });
  it('shows a quiet day whole', () => {
    expect(activityWindow(day([]), 5)).toEqual({ from: 0, to: 287 });
    expect(activityWindow([], 5)).toEqual({ from: 0, to: 0 });
  });
});
