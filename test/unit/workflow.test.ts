import { describe, expect, it } from 'vitest';
import {
  canTransition,
  IN_STATISTICS_STATUSES,
  OPEN_STATUSES,
  OUTSIDE_STATISTICS_STATUSES,
  TASK_STATUSES,
  TERMINAL_STATUSES,
  TRANSITIONS,
  WORKING_STATUSES,
} from '../../src/domain/workflow.js';

describe('the workflow', () => {
  it('puts every status in exactly one of: draft, open, done, outside the statistics', () => {
    const groups = [['draft'], OPEN_STATUSES, ['done'], OUTSIDE_STATISTICS_STATUSES].map((g) => [...g] as string[]);
    for (const s of TASK_STATUSES) expect(groups.filter((g) => g.includes(s))).toHaveLength(1);
    expect(groups.flat().sort()).toEqual([...TASK_STATUSES].sort());
    expect([...IN_STATISTICS_STATUSES].sort()).toEqual([...OPEN_STATUSES, 'done'].sort());
    for (const s of WORKING_STATUSES) expect(OPEN_STATUSES).toContain(s);
  });

  it('has no transition out of a terminal status but the reopening of a done task, and reaches every status but merged from draft', () => {
    for (const t of TRANSITIONS)
      for (const s of t.from)
        if (t.action === 'reopen') expect([s, t.to, t.by]).toEqual(['done', 'in_progress', 'office']);
        else expect(TERMINAL_STATUSES).not.toContain(s);
    const reached = new Set<string>(['draft']);
    for (let grew = true; grew;) {
      grew = false;
      for (const t of TRANSITIONS)
        if (t.from.some((s) => reached.has(s)) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
    }
    expect([...reached].sort()).toEqual(TASK_STATUSES.filter((s) => s !== 'merged').sort());
  });

  it('answers whether an action changes the status from a given one', () => {
    expect(canTransition('receive', 'assigned')).toBe(true);
    expect(canTransition('receive', 'received')).toBe(false);
    expect(canTransition('review', 'completion_reported')).toBe(true);
    expect(canTransition('report_completion', 'completion_reported')).toBe(false);
    expect(canTransition('withdraw', 'draft')).toBe(false);
    expect(canTransition('cancel', 'draft')).toBe(true);
    expect(canTransition('cancel', 'done')).toBe(false);
  });
});
