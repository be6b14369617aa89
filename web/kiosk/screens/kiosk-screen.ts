import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { Country } from '../../../shared/domain/plate-rules';
import { kioskText, type KioskKey } from '../../../shared/i18n/kiosk';
import { translator } from '../../../shared/i18n/translate';
import type { KioskSetup } from '../../../shared/kiosk/payloads';
import { act, type KioskAction } from '../kiosk-actions';
import { freshFlow, type Flow, type Notice } from '../kiosk-flow';

/**
 * What every kiosk screen is given: the flow (what was typed, what was found), the language and
 * the store's setup. A screen renders them and sends actions up; it keeps no state of its own.
 */
export class KioskScreen extends LitElement {
  @property({ attribute: false }) flow: Flow = freshFlow();
  @property({ attribute: false }) setup?: KioskSetup;
  @property() locale: Locale = 'zh-CN';

  get country(): Country {
    return this.setup?.store.country ?? 'CN';
  }

  get timeZone(): string {
    return this.setup?.store.timezone ?? 'Asia/Shanghai';
  }

  t = (key: KioskKey, params?: Record<string, string | number>) => translator(kioskText, this.locale)(key, params);

  say = (notice: Notice | undefined) => (notice ? this.t(notice.key, notice.params) : '');

  act(action: KioskAction): void {
    act(this, action);
  }
}
