import { FieldErrors } from '@crm/subgraph';
import { isOverdue, validateNewTask } from './task.validation';

const CALLER = '0190f7c2-0000-7000-8000-000000000001';

describe('validateNewTask', () => {
  it('assigns the caller at priority 3 by default and sorts distinct reminders', () => {
    const errors = new FieldErrors('input');
    const later = new Date('2026-12-02T09:00:00Z');
    const sooner = new Date('2026-12-01T09:00:00Z');
    const { fields, remindAt } = validateNewTask(
      errors,
      { title: ' Call back ', remindAt: [later, sooner, later] },
      CALLER,
    );
    expect(errors.list).toEqual([]);
    expect(fields).toMatchObject({ title: 'Call back', priority: 3, assigneeId: CALLER, dueAt: null });
    expect(remindAt).toEqual([sooner, later]);
  });

  it('reports more than ten reminders and a priority outside 1..5', () => {
    const errors = new FieldErrors('input');
    validateNewTask(
      errors,
      {
        title: 'x',
        priority: 0,
        remindAt: Array.from({ length: 11 }, (_, day) => new Date(Date.UTC(2027, 0, day + 1))),
      },
      CALLER,
    );
    expect(errors.list.map((error) => error.field)).toEqual(['input.priority', 'input.remindAt']);
  });
});

describe('isOverdue', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it.each([
    ['OPEN', new Date('2026-11-26T11:00:00Z'), true],
    ['OPEN', new Date('2026-11-26T13:00:00Z'), false],
    ['OPEN', null, false],
    ['DONE', new Date('2026-11-26T11:00:00Z'), false],
  ] as const)('a %s task due %s is overdue: %s', (status, dueAt, expected) => {
    expect(isOverdue({ status, dueAt }, now)).toBe(expected);
  });
});
