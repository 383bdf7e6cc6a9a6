import assert from 'node:assert/strict';
import type { CompanyCalendar } from '../../workflows/domain/calendar';
import {
  activityLineRefusal,
  activityLineText,
  endsItsWorkingWeek,
  halfWeekBefore,
  halfWeekOf,
  isHalfWeekStart,
  moveRefusal,
  noActivity,
  previousWorkingDay,
  shortfallsOf,
  summariseDay,
  type ActivityFigures,
  type RepDay,
} from '../../workflows/domain/sales-pipeline';

// The group sales pipeline's rules on the pure domain (seed 003): one step forward at a time, the
// evening line Hq:Zl:Fa:Cc:N:C:T, the half-weeks, and the shortfalls against the standards.
// The week of Monday 2027-03-01; the company works Monday to Saturday.

const calendar: CompanyCalendar = { timeZone: 'Asia/Shanghai', workingDays: [1, 2, 3, 4, 5, 6], holidays: [], workdays: [] };
const standards = { pipelineAtLeast: 150, visitsPerDayAtLeast: 3, effectiveActivitiesPerWeekAtLeast: 25 };
const figures = (line: string): ActivityFigures => {
  const [hq, zl, fa, cc, contracts, contractAmount, commission] = line.split(':').map(Number);
  return { hq, zl, fa, cc, contracts, contractAmount, commission };
};
const rep = (repId: string, line: string | null, week: string, openProspects: number): RepDay => ({
  repId,
  repName: null,
  line: line === null ? null : figures(line),
  weekToDate: figures(week),
  openProspects,
});

describe('group sales pipeline: a prospect moves one step at a time', () => {
  it('Given a prospect at 电话约访 Dh, when it moves to 唤起需求 Hq, then it fits; when it jumps to 方案说明 Fa, then it is refused naming the next step', () => {
    assert.equal(moveRefusal({ stage: 'dh', status: 'open' }, 'hq'), null);
    assert.match(moveRefusal({ stage: 'dh', status: 'open' }, 'fa')!, /电话约访 Dh.*next step is 唤起需求 Hq/);
  });

  it('Given a prospect at 资料搜集 Zl, when it moves back to Hq, then it is refused: the pipeline only moves forward', () => {
    assert.match(moveRefusal({ stage: 'zl', status: 'open' }, 'hq')!, /next step is 方案说明 Fa/);
  });

  it('Given a prospect at 促成签单 Cc, when it is signed, then it fits; a prospect at Fa cannot be signed yet', () => {
    assert.equal(moveRefusal({ stage: 'cc', status: 'open' }, 'signed'), null);
    assert.match(moveRefusal({ stage: 'fa', status: 'open' }, 'signed')!, /signed at 促成签单 Cc/);
  });

  it('Given a prospect at any stage, when the rep stops (dropped), then it fits; a signed or dropped prospect moves no more', () => {
    assert.equal(moveRefusal({ stage: 'zl', status: 'open' }, 'dropped'), null);
    assert.match(moveRefusal({ stage: 'cc', status: 'signed' }, 'dropped')!, /signed.*moves no more/);
    assert.match(moveRefusal({ stage: 'hq', status: 'dropped' }, 'zl')!, /dropped.*moves no more/);
  });
});

describe('group sales pipeline: the evening line Hq:Zl:Fa:Cc:N:C:T', () => {
  it('Given the figures in fen, when written as the rep texts them, then C and T are in yuan', () => {
    assert.equal(activityLineText(figures('2:1:0:1:1:2000000:60000')), '2:1:0:1:1:20000.00:600.00');
    assert.equal(activityLineText(noActivity), '0:0:0:0:0:0.00:0.00');
  });

  it('Given contracts without an amount, or a commission above the amount, then the line is refused in the department’s words', () => {
    assert.match(activityLineRefusal(figures('1:0:0:1:1:0:0'))!, /N.*C.*both 0 or both above 0/);
    assert.match(activityLineRefusal(figures('1:0:0:1:0:50000:0'))!, /both 0 or both above 0/);
    assert.match(activityLineRefusal(figures('1:0:0:1:1:50000:60000'))!, /commission \(T\) cannot exceed/);
    assert.equal(activityLineRefusal(figures('1:0:0:1:1:50000:1500')), null);
  });
});

describe('group sales pipeline: half-weeks and working days', () => {
  it('Given Monday to Wednesday and Thursday to Saturday (plans made on Monday and Thursday, 1.2), then each date has its half-week', () => {
    assert.deepEqual(halfWeekOf('2027-03-03'), { from: '2027-03-01', to: '2027-03-03' });
    assert.deepEqual(halfWeekOf('2027-03-04'), { from: '2027-03-04', to: '2027-03-06' });
    assert.deepEqual(halfWeekOf('2027-03-07'), { from: '2027-03-04', to: '2027-03-06' }, 'a Sunday belongs to the second half');
    assert.ok(isHalfWeekStart('2027-03-01') && isHalfWeekStart('2027-03-04') && !isHalfWeekStart('2027-03-02'));
  });

  it('Given the Monday and Thursday results board (1.5), then it shows the half-week before', () => {
    assert.deepEqual(halfWeekBefore('2027-03-08'), { from: '2027-03-04', to: '2027-03-06' });
    assert.deepEqual(halfWeekBefore('2027-03-04'), { from: '2027-03-01', to: '2027-03-03' });
  });

  it('Given a Monday morning, then the summary covers Saturday; after a holiday Friday-and-Saturday, Thursday', () => {
    assert.equal(previousWorkingDay('2027-03-08', calendar), '2027-03-06');
    assert.equal(previousWorkingDay('2027-03-08', { ...calendar, holidays: ['2027-03-05', '2027-03-06'] }), '2027-03-04');
  });

  it('Given Saturday is a working day, then Saturday ends the week, not Friday; with Saturday a holiday, Friday does', () => {
    assert.ok(endsItsWorkingWeek('2027-03-06', calendar));
    assert.ok(!endsItsWorkingWeek('2027-03-05', calendar));
    assert.ok(endsItsWorkingWeek('2027-03-05', { ...calendar, holidays: ['2027-03-06'] }));
  });
});

describe('group sales pipeline: the manager’s summary and the shortfalls', () => {
  // Saturday 2027-03-06, as the read-model tests seed it (test/support/sales-reps.ts).
  const saturday = [
    rep('rep-liu', '1:1:0:0:0:0:0', '16:6:5:0:0:0:0', 148),
    rep('rep-wang', null, '5:4:2:1:1:500000:15000', 40),
    rep('rep-zhang', '2:1:0:1:1:2000000:60000', '10:7:4:4:3:4060000:121800', 150),
  ];

  it('Given a rep who meets every standard, when the week ends, then no shortfall', () => {
    assert.deepEqual(shortfallsOf(saturday[2], '2027-03-06', standards, calendar), []);
  });

  it('Given a rep with no line, 40 prospects and 12 effective activities in the week, when Saturday ends the week, then four shortfalls', () => {
    assert.deepEqual(shortfallsOf(saturday[1], '2027-03-06', standards, calendar), [
      { repId: 'rep-wang', kind: 'no-line', actual: 0, standard: 1 },
      { repId: 'rep-wang', kind: 'pipeline', actual: 40, standard: 150 },
      { repId: 'rep-wang', kind: 'visits', actual: 0, standard: 3 },
      { repId: 'rep-wang', kind: 'weekly-activities', actual: 12, standard: 25 },
    ]);
  });

  it('Given the same rep on Friday, then the week is shown but not judged yet', () => {
    const friday = rep('rep-wang', '1:1:0:0:0:0:0', '5:4:2:1:1:500000:15000', 40);
    assert.deepEqual(
      shortfallsOf(friday, '2027-03-05', standards, calendar).map((s) => s.kind),
      ['pipeline', 'visits'],
    );
  });

  it('Given three reps on Saturday, when summarised, then the department’s line adds up the lines recorded and lists every shortfall', () => {
    const summary = summariseDay(saturday, '2027-03-06', standards, calendar);
    assert.equal(summary.line, '3:2:0:1:1:20000.00:600.00');
    assert.deepEqual(summary.total, figures('3:2:0:1:1:2000000:60000'));
    assert.equal(summary.repsReporting, 2);
    assert.equal(summary.repsWithShortfalls, 2);
    assert.deepEqual(
      summary.shortfalls.map((s) => `${s.repId} ${s.kind} ${s.actual}/${s.standard}`),
      [
        'rep-liu pipeline 148/150',
        'rep-liu visits 2/3',
        'rep-wang no-line 0/1',
        'rep-wang pipeline 40/150',
        'rep-wang visits 0/3',
        'rep-wang weekly-activities 12/25',
      ],
    );
  });
});
