import type { Catalogue } from './translate';

type Key =
  | 'product'
  | 'title'
  | 'subtitle'
  | 'codeLabel'
  | 'step.open'
  | 'step.enter'
  | 'step.switch'
  | 'renews'
  | 'connecting'
  | 'reconnecting'
  | 'opening'
  | 'paired'
  | 'failed';

/**
 * The pairing screen (/display): what a new wall screen shows until an admin binds it. The
 * screen shows both languages at once, since it does not know its store's language yet.
 */
export const pairing = {
  en: {
    product: 'Transparent Workshop',
    title: 'Pair this screen',
    subtitle: 'This screen is not showing a board yet.',
    codeLabel: 'Pairing code',
    'step.open': 'On a computer, sign in as an admin and open',
    'step.enter': 'Enter this code and pick the board (and bay)',
    'step.switch': 'This screen opens that board by itself and remembers it after a restart',
    renews: 'A new code appears at {time}',
    connecting: 'Connecting to the server…',
    reconnecting: 'Server not reachable since {time}; retrying',
    opening: 'Opening this screen’s board…',
    paired: 'Paired. Opening the board…',
    failed: 'Could not get a code ({reason}); retrying',
  },
  'zh-CN': {
    product: '透明车间',
    title: '配对此屏幕',
    subtitle: '这块屏幕尚未绑定看板。',
    codeLabel: '配对码',
    'step.open': '管理员在电脑上登录并打开',
    'step.enter': '输入配对码，选择看板和工位',
    'step.switch': '本屏幕自动切换到该看板，重启后仍会记住',
    renews: '配对码将于 {time} 自动更新',
    connecting: '正在连接服务器…',
    reconnecting: '自 {time} 起无法连接服务器，正在重试',
    opening: '正在打开本屏幕的看板…',
    paired: '配对成功，正在打开看板…',
    failed: '暂时无法获取配对码（{reason}），正在重试',
  },
} satisfies Catalogue<Key>;
