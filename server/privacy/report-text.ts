import type { ErasureReport } from './erase';

const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * What `npm run privacy` prints. It names stores, counts and at most the masked plate
 * (`京A·1**45`): the report itself may be pasted into a ticket or a log.
 */
export function describeReport(report: ErasureReport, context: { masked?: string; storeId?: string }): string {
  const who = context.masked ? `plate ${context.masked}` : "customers past their store's retention";
  const scope = context.storeId ? ` in store ${context.storeId}` : '';
  if (report.openVisits > 0)
    return (
      `Not erased: ${who}${scope} has ${n(report.openVisits, 'open visit')} (in the workshop, or booked). ` +
      'Erase once it is delivered or cancelled. Nothing was changed.'
    );
  if (report.records === 0)
    return context.masked
      ? `No stored visit has ${who}${scope}: it was never recorded here, or was erased before. Nothing was changed.`
      : `No customer${scope} is past the retention time. Nothing was changed.`;
  const lines = [`${report.dryRun ? 'Would erase' : 'Erased'} the name, phone, plate and VIN of ${who}${scope}:`];
  for (const s of report.stores)
    lines.push(
      `  ${s.storeId}: ${n(s.repairOrders, 'repair order')}, ${n(s.appointments, 'appointment')}; ${n(s.events, 'event')} ${report.dryRun ? 'to rewrite' : 'rewritten'}, ${n(s.snapshots, 'snapshot')}`,
    );
  for (const t of report.targets) lines.push(`  ${t.name}: ${n(t.rows, 'row')}`);
  if (report.dryRun) {
    lines.push('Dry run: nothing was changed.');
    return lines.join('\n');
  }
  if (report.segments !== undefined)
    lines.push(`The journal was rewritten and re-sealed (${n(report.segments, 'segment')}) and verifies; index.json records the erasure.`);
  if (report.otherFiles.length) lines.push(`Also scrubbed in the data dir: ${report.otherFiles.join(', ')}`);
  if (report.unknownFiles.length)
    lines.push(
      `NOT COMPLETE: these still hold the customer and were left as they are: ${report.unknownFiles.join(', ')}. ` +
        'A read model keeping them must register an ErasureTarget (server/privacy/targets.ts); or delete them if they are stray copies.',
    );
  if (report.elsewhere > 0)
    lines.push(
      `Note: ${n(report.elsewhere, 'event')} of other visits still hold one of these values (the same phone or name on another car?). Erase those plates too if they are this customer's.`,
    );
  lines.push(
    'Stages, times and operations of these visits are kept for statistics. Backups made before now still hold the erased data until they are deleted.',
  );
  return lines.join('\n');
}
