import type { ReloadReason } from '../live/reload-reasons';
import type { Catalogue } from './translate';

type BoardKey = `board.${'customer' | 'dispatch' | 'bay'}`;
type Key =
  | BoardKey
  | 'title'
  | 'loading'
  | 'signedInAs'
  | 'auth.signedOut'
  | 'auth.signedOutHint'
  | 'auth.notAdmin'
  | 'auth.unreachable'
  | 'store.failed'
  | 'form.title'
  | 'form.hint'
  | 'form.code'
  | 'form.codeHelp'
  | 'form.name'
  | 'form.namePlaceholder'
  | 'form.board'
  | 'form.bay'
  | 'form.bayChoose'
  | 'form.submit'
  | 'form.busy'
  | 'form.needCode'
  | 'form.needName'
  | 'form.needBay'
  | 'form.done'
  | 'list.title'
  | 'list.summary'
  | 'list.empty'
  | 'list.updated'
  | 'list.failed'
  | 'col.name'
  | 'col.board'
  | 'col.bay'
  | 'col.status'
  | 'col.lastSeen'
  | 'col.version'
  | 'col.page'
  | 'col.actions'
  | 'status.online'
  | 'status.offline'
  | 'seen.never'
  | 'seen.now'
  | 'seen.minutes'
  | 'seen.hours'
  | 'seen.days'
  | 'version.outdated'
  | 'speech.unavailable'
  | 'speech.unavailableHint'
  | 'page.none'
  | 'reload.last'
  | `reload.${ReloadReason}`
  | 'action.reload'
  | 'action.unpair'
  | 'action.confirm'
  | 'action.cancel'
  | 'action.reloadSent'
  | 'action.unpaired'
  | 'confirm.unpair'
  | 'error';

/** The display fleet admin page (/admin/displays): pair screens, watch their health, reload or unpair. */
export const fleet = {
  en: {
    'board.customer': 'Customer board',
    'board.dispatch': 'Dispatch board',
    'board.bay': 'Bay board',
    title: 'Display fleet',
    loading: 'Loading…',
    signedInAs: 'Signed in as {name}',
    'auth.signedOut': 'You are not signed in.',
    'auth.signedOutHint':
      'Open the one-time staff sign-in link that the server prints when it starts (add ?next=/admin/displays to come back here), or ask an administrator for one.',
    'auth.notAdmin': '{name} is signed in, but only an administrator can manage displays.',
    'auth.unreachable': 'The server cannot be reached; retrying.',
    'store.failed': 'Could not load the store’s bays: {reason}',
    'form.title': 'Pair a new screen',
    'form.hint': 'Open /display on the new screen; it shows a 6-character code.',
    'form.code': 'Pairing code',
    'form.codeHelp': '6 letters and digits, as shown on the screen',
    'form.name': 'Screen name',
    'form.namePlaceholder': 'e.g. Lounge TV, Bay 3 tablet',
    'form.board': 'Board',
    'form.bay': 'Bay',
    'form.bayChoose': 'Choose a bay…',
    'form.submit': 'Pair screen',
    'form.busy': 'Pairing…',
    'form.needCode': 'Enter the 6-character code shown on the screen.',
    'form.needName': 'Give the screen a name, so you can find it in the list.',
    'form.needBay': 'Choose the bay this screen belongs to.',
    'form.done': '“{name}” is paired; the screen is switching to its board now.',
    'list.title': 'Screens',
    'list.summary': '{total} paired · {online} online',
    'list.empty': 'No screen is paired yet. Pair the first one with the form.',
    'list.updated': 'Updated {time}',
    'list.failed': 'Could not refresh the list: {reason}',
    'col.name': 'Name',
    'col.board': 'Board',
    'col.bay': 'Bay',
    'col.status': 'Status',
    'col.lastSeen': 'Last seen',
    'col.version': 'Version',
    'col.page': 'Showing',
    'col.actions': 'Actions',
    'status.online': 'Online',
    'status.offline': 'Offline',
    'seen.never': 'never',
    'seen.now': 'just now',
    'seen.minutes': '{n} min ago',
    'seen.hours': '{n} h ago',
    'seen.days': '{n} d ago',
    'version.outdated': 'old',
    'speech.unavailable': 'speech unavailable',
    'speech.unavailableHint':
      'This screen chimes for a pickup call but no voice speaks: install a voice (speech-dispatcher with espeak-ng) or check the browser',
    'page.none': '—',
    'reload.last': 'reloaded {time}: {reason}',
    'reload.frozen': 'page froze (watchdog)',
    'reload.blank': 'page blank or an error page (watchdog)',
    'reload.browser-restart': 'browser restarted',
    'reload.error-loop': 'script errors in a loop',
    'reload.new-version': 'new version',
    'reload.fleet': 'reload from this page',
    'action.reload': 'Reload',
    'action.unpair': 'Unpair',
    'action.confirm': 'Yes, unpair',
    'action.cancel': 'Cancel',
    'action.reloadSent': 'Reload sent',
    'action.unpaired': '“{name}” was unpaired; it shows a pairing code again.',
    'confirm.unpair': 'Unpair “{name}”? It stops showing data at once.',
    error: 'Error: {message}',
  },
  'zh-CN': {
    'board.customer': '客户看板',
    'board.dispatch': '调度看板',
    'board.bay': '工位看板',
    title: '屏幕管理',
    loading: '正在载入…',
    signedInAs: '当前登录：{name}',
    'auth.signedOut': '您尚未登录。',
    'auth.signedOutHint': '请打开服务器启动时打印的一次性员工登录链接（在链接后加 ?next=/admin/displays 可直接回到本页），或向管理员索取登录链接。',
    'auth.notAdmin': '{name} 已登录，但只有管理员可以管理屏幕。',
    'auth.unreachable': '无法连接服务器，正在重试。',
    'store.failed': '无法载入门店工位：{reason}',
    'form.title': '配对新屏幕',
    'form.hint': '在新屏幕上打开 /display，屏幕会显示 6 位配对码。',
    'form.code': '配对码',
    'form.codeHelp': '屏幕上显示的 6 位字母和数字',
    'form.name': '屏幕名称',
    'form.namePlaceholder': '例如：休息区电视、3号工位平板',
    'form.board': '看板类型',
    'form.bay': '工位',
    'form.bayChoose': '请选择工位…',
    'form.submit': '配对屏幕',
    'form.busy': '正在配对…',
    'form.needCode': '请输入屏幕上显示的 6 位配对码。',
    'form.needName': '请为屏幕起个名字，方便在列表中查找。',
    'form.needBay': '请选择此屏幕所属的工位。',
    'form.done': '“{name}”配对成功，屏幕正在切换到对应看板。',
    'list.title': '屏幕列表',
    'list.summary': '已配对 {total} 块 · 在线 {online} 块',
    'list.empty': '还没有配对任何屏幕。请用左侧表单配对第一块屏幕。',
    'list.updated': '更新于 {time}',
    'list.failed': '列表刷新失败：{reason}',
    'col.name': '名称',
    'col.board': '看板',
    'col.bay': '工位',
    'col.status': '状态',
    'col.lastSeen': '最后在线',
    'col.version': '版本',
    'col.page': '当前页面',
    'col.actions': '操作',
    'status.online': '在线',
    'status.offline': '离线',
    'seen.never': '从未',
    'seen.now': '刚刚',
    'seen.minutes': '{n} 分钟前',
    'seen.hours': '{n} 小时前',
    'seen.days': '{n} 天前',
    'version.outdated': '旧版',
    'speech.unavailable': '无语音',
    'speech.unavailableHint': '此屏取车呼叫只有提示音、没有语音播报：请安装语音（speech-dispatcher 与 espeak-ng）或检查浏览器',
    'page.none': '—',
    'reload.last': '{time} 刷新：{reason}',
    'reload.frozen': '页面卡死（看门狗）',
    'reload.blank': '页面空白或出错（看门狗）',
    'reload.browser-restart': '浏览器已重启',
    'reload.error-loop': '脚本反复出错',
    'reload.new-version': '新版本',
    'reload.fleet': '从本页发出的刷新',
    'action.reload': '刷新',
    'action.unpair': '解除配对',
    'action.confirm': '确认解除',
    'action.cancel': '取消',
    'action.reloadSent': '已发送刷新指令',
    'action.unpaired': '“{name}”已解除配对，屏幕将重新显示配对码。',
    'confirm.unpair': '确定解除“{name}”的配对？该屏幕将立即停止显示数据。',
    error: '出错：{message}',
  },
} satisfies Catalogue<Key>;
