/** Task rules of the policy module that keep figures from being bent (ADR 0008). */
import { describe, expect, it } from 'vitest';
import type { TaskStatus } from '../../src/db/schema.js';
import type { Actor } from '../../src/http/context.js';
import { authorizeTask, taskActions, type TaskFacts } from '../../src/policies/index.js';

const actor = (role: Actor['role'], extra: Partial<Actor> = {}): Actor => ({
  id: 1,
  username: role,
  fullName: role,
  role,
  agencyId: 10,
  leaderId: null,
  ...extra,
});
const chairman = actor('leader', { leaderId: 7, agencyId: 2 });
const chief = actor('office_lead', { agencyId: 1 });
const specialist = actor('office_specialist', { id: 3, agencyId: 1 });
const agency = actor('agency_staff', { id: 4 });
const settings = { officeLeadDecidesExtensions: false };
const facts = (status: TaskStatus, extra: Partial<TaskFacts> = {}): TaskFacts => ({
  status,
  leadAgencyId: 10,
  coordinatingAgencyIds: [],
  specialistId: 3,
  leaderId: 7,
  deadlineKind: 'fixed',
  hasPendingExtension: false,
  ...extra,
});

describe('extension decisions', () => {
  it('only while the task is being worked on, even when a request is still pending', () => {
    for (const status of ['assigned', 'received', 'in_progress'] as const)
      expect(taskActions(chairman, facts(status, { hasPendingExtension: true }), settings)).toContain(
        'decide_extension',
      );
    for (const status of ['completion_reported', 'done', 'cancelled', 'withdrawn', 'merged'] as const) {
      const f = facts(status, { hasPendingExtension: true });
      expect(taskActions(chairman, f, settings)).not.toContain('decide_extension');
      expect(() => authorizeTask(chairman, 'decide_extension', f, settings)).toThrow(
        expect.objectContaining({ code: 'conflict', status: 409 }),
      );
    }
  });

  it('no new request on a task waiting for review or ended', () => {
    for (const status of ['completion_reported', 'done', 'cancelled', 'withdrawn'] as const)
      expect(() => authorizeTask(agency, 'request_extension', facts(status), settings)).toThrow(
        expect.objectContaining({ code: 'conflict' }),
      );
    expect(taskActions(agency, facts('in_progress'), settings)).toContain('request_extension');
  });
});

describe('correcting the original deadline', () => {
  it('is for the Office lead only, on a fixed-deadline task that was assigned', () => {
    expect(taskActions(chief, facts('in_progress'), settings)).toContain('correct_original_deadline');
    expect(taskActions(chief, facts('done'), settings)).toContain('correct_original_deadline');
    for (const a of [specialist, chairman, agency])
      expect(taskActions(a, facts('in_progress'), settings)).not.toContain('correct_original_deadline');
    expect(() => authorizeTask(specialist, 'correct_original_deadline', facts('in_progress'), settings)).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    for (const f of [facts('draft'), facts('cancelled'), facts('in_progress', { deadlineKind: 'none' })])
      expect(() => authorizeTask(chief, 'correct_original_deadline', f, settings)).toThrow(
        expect.objectContaining({ code: 'conflict' }),
      );
  });
});
