import {
  addReferrals,
  createProspect,
  moveProspect,
  recordActivityLine,
  recordPlan,
  type ProspectMove,
} from '../../read-model/sales-pipeline';
import type { ReadModel } from '../../read-model/store';
import type { ActivityFigures } from '../../workflows/domain/sales-pipeline';

// Three group sales reps' week of Monday 2027-03-01 (the company works Monday to Saturday), written
// through the read model's pipeline functions as the API writes them. Their Saturday, worked by hand
// (standards 150 prospects, 3 visits a day, 25 effective activities a week):
//
//   rep       Saturday line (Hq:Zl:Fa:Cc:N:C:T)   week's effective   open prospects   shortfalls
//   rep-liu   1:1:0:0:0:0:0                      27                 148 (2 dropped)  pipeline 148/150, visits 2/3
//   rep-wang  none                               12                 40               no line, pipeline 40/150, visits 0/3, week 12/25
//   rep-zhang 2:1:0:1:1:20000.00:600.00          25                 150 (1 signed)   none
//   total     3:2:0:1:1:20000.00:600.00

export const figures = (line: string): ActivityFigures => {
  const [hq, zl, fa, cc, contracts, contractAmount, commission] = line.split(':').map(Number);
  return { hq, zl, fa, cc, contracts, contractAmount, commission };
};

export const reps = {
  zhang: { id: 'rep-zhang', name: '张伟 Zhang Wei' },
  wang: { id: 'rep-wang', name: '王芳 Wang Fang' },
  liu: { id: 'rep-liu', name: '刘洋 Liu Yang' },
};

const days = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-06'];
export const lines: Record<keyof typeof reps, (string | null)[]> = {
  zhang: [
    '2:1:1:0:0:0:0',
    '1:1:1:1:1:1200000:36000',
    '2:2:0:0:0:0:0',
    '1:1:1:1:0:0:0',
    '2:1:1:1:1:860000:25800',
    '2:1:0:1:1:2000000:60000',
  ],
  wang: ['1:0:0:0:0:0:0', '2:1:0:0:0:0:0', '1:1:1:0:0:0:0', '0:1:1:1:1:500000:15000', '1:1:0:0:0:0:0', null],
  liu: ['3:1:1:0:0:0:0', '3:1:1:0:0:0:0', '3:1:1:0:0:0:0', '3:1:1:0:0:0:0', '3:1:1:0:0:0:0', '1:1:0:0:0:0:0'],
};

const at = (day: string) => `${day}T12:00:00.000Z`;
let requests = 0;
const request = () => ({ key: `seed-${++requests}`, digest: `digest-${requests}` });

export async function seedSalesWeek(readModel: ReadModel): Promise<void> {
  const { db } = readModel;
  const prospects = async (rep: { id: string; name: string }, count: number, openedOn: string, prefix: string) => {
    for (let i = 1; i <= count; i++)
      await createProspect(db, { id: `${prefix}-${i}`, company: `${prefix} company ${i}`, rep, openedOn }, at(openedOn), request());
  };
  await prospects(reps.zhang, 151, '2027-02-01', 'PZ');
  await prospects(reps.wang, 40, '2027-02-15', 'PW');
  await prospects(reps.liu, 150, '2027-02-20', 'PL');
  // Opened on Sunday, after the day summarised: not yet in Saturday's pipeline.
  await prospects(reps.liu, 1, '2027-03-07', 'PL-late');

  // Zhang's first prospect walks the whole pipeline and is signed on Friday; two of Liu's are dropped on Saturday.
  const walk: [string, ProspectMove][] = [
    ['PZ-1', { to: 'hq', on: '2027-02-03' }],
    ['PZ-1', { to: 'zl', on: '2027-02-10', dataSheetRef: 'KH-ZL-001', proposalRequestRef: 'FA-SQ-001' }],
    ['PZ-1', { to: 'fa', on: '2027-02-24', proposalRef: 'FA-001' }],
    ['PZ-1', { to: 'cc', on: '2027-03-02' }],
    ['PZ-1', { to: 'signed', on: '2027-03-05', contractRef: 'HT-2027-031' }],
    ['PL-1', { to: 'dropped', on: '2027-03-06', reason: 'uniforms bought elsewhere' }],
    ['PL-2', { to: 'dropped', on: '2027-03-06', reason: 'no budget this year' }],
  ];
  for (const [id, move] of walk) {
    const rep = id.startsWith('PZ') ? reps.zhang : reps.liu;
    await moveProspect(db, id, move, rep, at(move.on), request());
  }
  await addReferrals(
    db,
    'PZ-1',
    [{ name: '陈经理 Manager Chen', company: 'Hangzhou Hotel Group' }, { name: '李总 Mr Li' }],
    '2027-03-05',
    request(),
  );

  // Zhang first texts Saturday short (1:1:0:0:0:0:0), then corrects it: the correction replaces the line.
  const firstTexted = (name: string, day: string, line: string) => (name === 'zhang' && day === '2027-03-06' ? '1:1:0:0:0:0:0' : line);
  for (const [name, rep] of Object.entries(reps)) {
    for (const [i, line] of lines[name as keyof typeof reps].entries()) {
      if (line !== null) await recordActivityLine(db, rep, days[i], figures(firstTexted(name, days[i], line)), rep.id, at(days[i]));
    }
  }
  await recordActivityLine(db, reps.zhang, '2027-03-06', figures(lines.zhang[5]!), reps.zhang.id, '2027-03-06T13:00:00.000Z');

  // Thursday's plans for Thursday–Saturday; Wang made none.
  await recordPlan(db, reps.zhang, { from: '2027-03-04', to: '2027-03-06' }, figures('6:4:2:2:2:3000000:90000'), null, at('2027-03-04'));
  await recordPlan(
    db,
    reps.liu,
    { from: '2027-03-04', to: '2027-03-06' },
    figures('6:3:3:0:0:0:0'),
    'two visits in Xiaoshan',
    at('2027-03-04'),
  );
}
