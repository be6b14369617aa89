import type { GroupReport, StoreReport } from '../../../shared/reports/summary';
import { call, type ApiError } from '../../common/actions';
import type { Dates } from './report-range';

/** The reports REST API (server/http/reports.ts) with the session cookie; the answers' shapes are shared/reports/summary.ts's, typed without zod. */
export type { GroupReport, StoreReport } from '../../../shared/reports/summary';

const seg = encodeURIComponent;
const query = (d: Dates) => `from=${seg(d.from)}&to=${seg(d.to)}`;

/** What went wrong, in the API's own words: a 400 names the parameter and what is wrong with it. */
export const errorText = (e: ApiError & { details?: unknown }): string => {
  const details = Array.isArray(e.details)
    ? e.details
        .map((d: { path?: string; message?: string }) => {
          const parameter = (d.path ?? '').replace(/^query\./, '');
          const message = String(d.message ?? '');
          // The range's messages name their parameter already ("to (…) is before from (…)").
          return !parameter || message.startsWith(parameter) || message.includes(` ${parameter} `) ? message : `${parameter}: ${message}`;
        })
        .filter(Boolean)
    : [];
  return details.length ? details.join('; ') : e.message;
};

async function get<T>(path: string): Promise<{ ok: true; data: T } | { ok: false; message: string }> {
  const result = await call<{ data: T }>('GET', path);
  return result.ok ? { ok: true, data: result.data.data } : { ok: false, message: errorText(result.error) };
}

export const storeSummary = (storeId: string, d: Dates) => get<StoreReport>(`/api/stores/${seg(storeId)}/reports/summary?${query(d)}`);
export const groupSummary = (d: Dates) => get<GroupReport>(`/api/reports/summary?${query(d)}`);
/** A CSV table's address: the browser downloads it with the session cookie (Content-Disposition: attachment). */
export const csvHref = (storeId: string, file: string, d: Dates) => `/api/stores/${seg(storeId)}/reports/${file}.csv?${query(d)}`;
/** A table of the group view (`stores` is the ranking, `store-hours` its heat map). */
export const groupCsvHref = (file: string, d: Dates) => `/api/reports/${file}.csv?${query(d)}`;
