import { html, nothing } from 'lit';
import type { ScanActionInput, ScanStore } from '../../../shared/projections/scan-view';
import type { StaffRo } from '../../../shared/projections/views';
import { targetText, type ActTarget } from './act-target';
import './add-on-sheet';
import type { ProposedDetail } from './add-on-sheet';
import './bay-sheet';
import './busy-sheet';
import './deliver-sheet';
import './pause-sheet';
import './qc-sheet';
import type { SavedBay } from './saved-bay';
import type { ScanText } from './scan-text';

type Then = { target: ActTarget; action: ScanActionInput };

/** The question a tap asked, shown over the page until answered. */
export type Sheet =
  | { kind: 'pause'; target: ActTarget; then?: Then }
  | { kind: 'qcFail'; target: ActTarget; ro: StaffRo }
  | { kind: 'bay'; target: ActTarget; assigned?: string }
  | { kind: 'busy'; running: ActTarget; then: Then }
  | { kind: 'deliver'; target: ActTarget; ro: StaffRo }
  | { kind: 'addOn'; target: ActTarget };

export interface SheetActions {
  enqueue(target: ActTarget, action: ScanActionInput): Promise<void>;
  setBay(bay: SavedBay): void;
  show(sheet: Sheet | undefined): void;
  /** Add-on work was sent to the customer (not queued: see add-on-sheet). */
  proposed(detail: ProposedDetail): void;
}

/**
 * Each sheet is its own element (pause-sheet, qc-sheet, bay-sheet, deliver-sheet, busy-sheet, add-on-sheet);
 * this says which answers queue which action. To add one: an element beside them, a kind here.
 */
export function sheetView(s: Sheet | undefined, text: ScanText, store: ScanStore | undefined, act: SheetActions) {
  if (!s || !store) return nothing;
  const close = () => act.show(undefined);
  switch (s.kind) {
    case 'pause':
      return html`<pause-sheet .text=${text} what=${targetText(s.target)} @cancel=${close} @confirm=${async (e: CustomEvent) => {
        await act.enqueue(s.target, { type: 'pauseOperation', pause: e.detail });
        if (s.then) await act.enqueue(s.then.target, s.then.action);
      }}></pause-sheet>`;
    case 'qcFail':
      return html`<qc-sheet .text=${text} .ro=${s.ro} @cancel=${close}
        @confirm=${(e: CustomEvent) => void act.enqueue(s.target, { type: 'qcFail', ...e.detail })}></qc-sheet>`;
    case 'bay':
      return html`<bay-sheet .text=${text} .store=${store} assigned=${s.assigned ?? ''} @cancel=${close} @confirm=${(e: CustomEvent<SavedBay>) => {
        act.setBay(e.detail);
        void act.enqueue(s.target, { type: 'startOperation', bayId: e.detail.id });
      }}></bay-sheet>`;
    case 'deliver':
      return html`<deliver-sheet .text=${text} .ro=${s.ro} @cancel=${close} @confirm=${() => void act.enqueue(s.target, { type: 'deliver' })}></deliver-sheet>`;
    case 'addOn':
      return html`<add-on-sheet .text=${text} code=${s.target.token} what=${targetText(s.target)} @cancel=${close}
        @proposed=${(e: CustomEvent<ProposedDetail>) => act.proposed(e.detail)}></add-on-sheet>`;
    case 'busy':
      return html`<busy-sheet .text=${text} .running=${s.running} @cancel=${close}
        @pause-first=${() => act.show({ kind: 'pause', target: s.running, then: s.then })}></busy-sheet>`;
  }
}
