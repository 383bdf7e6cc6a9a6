// ISO-8601 durations (PT2H, P3D, P1DT12H) in the policy and in simulator scenarios: the one
// spelling a process owner reads in both. A day here is 24 hours of elapsed time; calendar days
// (day ends, working days) live in calendar.ts.
const pattern = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function durationMs(iso: string): number {
  const match = pattern.exec(iso);
  if (!match || iso === 'P' || iso.endsWith('T')) throw new Error(`not an ISO-8601 duration: ${iso}`);
  const [, weeks, days, hours, minutes, seconds] = match;
  return (
    ((Number(weeks ?? 0) * 7 + Number(days ?? 0)) * 24 * 3600 +
      Number(hours ?? 0) * 3600 +
      Number(minutes ?? 0) * 60 +
      Number(seconds ?? 0)) *
    1000
  );
}
