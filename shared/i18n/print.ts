import type { Catalogue } from './translate';

type Key =
  | 'jobCard.title'
  | 'jobCard.ro'
  | 'jobCard.roCode'
  | 'jobCard.plate'
  | 'jobCard.vehicle'
  | 'jobCard.mileage'
  | 'jobCard.advisor'
  | 'jobCard.promised'
  | 'jobCard.priority'
  | 'jobCard.wash'
  | 'jobCard.description'
  | 'jobCard.operations'
  | 'jobCard.hours'
  | 'jobCard.bay'
  | 'jobCard.technician'
  | 'jobCard.code'
  | 'jobCard.scanHint'
  | 'jobCard.printedAt'
  | 'jobCard.none'
  | 'jobCard.yes'
  | 'jobCard.no'
  | 'jobCard.delivered'
  | 'jobCard.totalHours'
  | 'jobCard.notes'
  | 'jobCard.signTech'
  | 'jobCard.signQc'
  | 'priority.normal'
  | 'priority.high'
  | 'priority.urgent'
  | 'tool.print'
  | 'tool.a4'
  | 'tool.receipt'
  | 'tool.revoke'
  | 'tool.revokeConfirm'
  | 'tool.revoked'
  | 'badge.title'
  | 'badge.hint'
  | 'badge.revoke'
  | 'bays.title'
  | 'bays.hint'
  | 'role.technician'
  | 'role.inspector'
  | 'role.washer'
  | 'role.advisor'
  | 'role.dispatcher'
  | 'role.manager'
  | 'role.admin'
  | 'page.signIn'
  | 'page.signInHint'
  | 'page.forbidden'
  | 'page.notFound'
  | 'admin.title'
  | 'admin.devices'
  | 'admin.noDevices'
  | 'admin.person'
  | 'admin.device'
  | 'admin.since'
  | 'admin.until'
  | 'admin.method.badge'
  | 'admin.method.pin'
  | 'admin.revoke'
  | 'admin.pins'
  | 'admin.pinState'
  | 'admin.locked'
  | 'admin.failures'
  | 'admin.lastFailure'
  | 'admin.guessesToday'
  | 'admin.ok'
  | 'admin.noPin'
  | 'admin.unlock'
  | 'admin.setPin'
  | 'admin.setPinPrompt'
  | 'admin.lockedCount'
  | 'admin.printBadges'
  | 'admin.printBays';

/** Printed job cards, bay labels, badges, and the admin page of the scan page's access. */
export const print = {
  'zh-CN': {
    'jobCard.title': '派工单',
    'jobCard.ro': '工单号',
    'jobCard.roCode': '整单二维码',
    'jobCard.plate': '车牌',
    'jobCard.vehicle': '车辆',
    'jobCard.mileage': '里程',
    'jobCard.advisor': '服务顾问',
    'jobCard.promised': '承诺交车',
    'jobCard.priority': '优先级',
    'jobCard.wash': '洗车',
    'jobCard.description': '客户描述',
    'jobCard.operations': '维修项目',
    'jobCard.hours': '标准工时',
    'jobCard.bay': '工位',
    'jobCard.technician': '技师',
    'jobCard.code': '扫码',
    'jobCard.scanHint': '扫描项目二维码：开始、暂停、完工。质检、洗车、交车扫描整单二维码。',
    'jobCard.printedAt': '打印时间 {time}',
    'jobCard.none': '—',
    'jobCard.yes': '是',
    'jobCard.no': '否',
    'jobCard.delivered': '此工单已交车（{time}），二维码仅供查询。',
    'jobCard.totalHours': '合计 {hours} 小时',
    'jobCard.notes': '维修记录 / 备注',
    'jobCard.signTech': '技师签字',
    'jobCard.signQc': '质检签字',
    'priority.normal': '普通',
    'priority.high': '优先',
    'priority.urgent': '加急',
    'tool.print': '打印',
    'tool.a4': 'A4 纸',
    'tool.receipt': '80 mm 小票',
    'tool.revoke': '作废已打印的二维码',
    'tool.revokeConfirm': '作废后，已打印的二维码将无法使用，需要重新打印。确定吗？',
    'tool.revoked': '已作废旧二维码，请打印新的。',
    'badge.title': '员工工牌',
    'badge.hint': '扫码登录',
    'badge.revoke': '作废此工牌',
    'bays.title': '工位码',
    'bays.hint': '先扫工位码，再扫派工单开工',
    'role.technician': '技师',
    'role.inspector': '质检员',
    'role.washer': '洗车员',
    'role.advisor': '服务顾问',
    'role.dispatcher': '调度',
    'role.manager': '服务经理',
    'role.admin': '管理员',
    'page.signIn': '换一个账号登录',
    'page.signInHint': '打印页面需要已登录的员工账号（管理员打印工牌和工位码）。',
    'page.forbidden': '没有权限：{need}',
    'page.notFound': '找不到工单 {id}',
    'admin.title': '扫码登录管理',
    'admin.devices': '已登录的设备',
    'admin.noDevices': '目前没有已登录的设备',
    'admin.person': '人员',
    'admin.device': '设备',
    'admin.since': '登录时间',
    'admin.until': '有效至',
    'admin.method.badge': '工牌',
    'admin.method.pin': 'PIN',
    'admin.revoke': '强制退出',
    'admin.pins': 'PIN 状态',
    'admin.pinState': '状态',
    'admin.locked': '已锁定至 {time}',
    'admin.failures': '连续错误 {n} 次',
    'admin.lastFailure': '最近一次错误：{time}',
    'admin.guessesToday': '今日错误 {n} / {max} 次',
    'admin.ok': '正常',
    'admin.noPin': '未设置 PIN',
    'admin.unlock': '清除错误',
    'admin.setPin': '设置 PIN',
    'admin.setPinPrompt': '{name} 的新 PIN（4–6 位数字）：',
    'admin.lockedCount': '{n} 人的 PIN 已锁定',
    'admin.printBadges': '打印工牌',
    'admin.printBays': '打印工位码',
  },
  en: {
    'jobCard.title': 'Job card',
    'jobCard.ro': 'RO',
    'jobCard.roCode': 'Whole RO',
    'jobCard.plate': 'Plate',
    'jobCard.vehicle': 'Vehicle',
    'jobCard.mileage': 'Mileage',
    'jobCard.advisor': 'Advisor',
    'jobCard.promised': 'Promised',
    'jobCard.priority': 'Priority',
    'jobCard.wash': 'Wash',
    'jobCard.description': 'Customer says',
    'jobCard.operations': 'Operations',
    'jobCard.hours': 'Std hours',
    'jobCard.bay': 'Bay',
    'jobCard.technician': 'Technician',
    'jobCard.code': 'Scan',
    'jobCard.scanHint': "Scan an operation's code to start, pause or finish it. QC, wash and delivery: scan the whole-RO code.",
    'jobCard.printedAt': 'Printed {time}',
    'jobCard.none': '—',
    'jobCard.yes': 'Yes',
    'jobCard.no': 'No',
    'jobCard.delivered': 'This car was delivered ({time}); the codes only show its record.',
    'jobCard.totalHours': 'Total {hours} h',
    'jobCard.notes': 'Work notes',
    'jobCard.signTech': 'Technician',
    'jobCard.signQc': 'QC inspector',
    'priority.normal': 'Normal',
    'priority.high': 'High',
    'priority.urgent': 'Urgent',
    'tool.print': 'Print',
    'tool.a4': 'A4 paper',
    'tool.receipt': '80 mm receipt',
    'tool.revoke': 'Withdraw printed codes',
    'tool.revokeConfirm': 'Codes printed so far will stop working and must be printed again. Continue?',
    'tool.revoked': 'Old codes withdrawn; print new ones.',
    'badge.title': 'Staff badge',
    'badge.hint': 'Scan to sign in',
    'badge.revoke': 'Withdraw this badge',
    'bays.title': 'Bay codes',
    'bays.hint': 'Scan the bay first, then the job card',
    'role.technician': 'Technician',
    'role.inspector': 'Inspector',
    'role.washer': 'Washer',
    'role.advisor': 'Advisor',
    'role.dispatcher': 'Dispatcher',
    'role.manager': 'Service manager',
    'role.admin': 'Admin',
    'page.signIn': 'Sign in as someone else',
    'page.signInHint': 'Printing needs a signed-in staff account (badges and bay codes: an admin).',
    'page.forbidden': 'Not allowed: {need}',
    'page.notFound': 'There is no repair order {id}',
    'admin.title': 'Scan page sign-ins',
    'admin.devices': 'Signed-in devices',
    'admin.noDevices': 'No device is signed in',
    'admin.person': 'Person',
    'admin.device': 'Device',
    'admin.since': 'Signed in',
    'admin.until': 'Until',
    'admin.method.badge': 'badge',
    'admin.method.pin': 'PIN',
    'admin.revoke': 'Sign out remotely',
    'admin.pins': 'PINs',
    'admin.pinState': 'State',
    'admin.locked': 'Locked until {time}',
    'admin.failures': '{n} wrong in a row',
    'admin.lastFailure': 'last wrong PIN {time}',
    'admin.guessesToday': '{n} of {max} wrong PINs today',
    'admin.ok': 'OK',
    'admin.noPin': 'No PIN set',
    'admin.unlock': 'Clear wrong PINs',
    'admin.setPin': 'Set PIN',
    'admin.setPinPrompt': 'New PIN for {name} (4–6 digits):',
    'admin.lockedCount': '{n} locked PIN(s)',
    'admin.printBadges': 'Print badges',
    'admin.printBays': 'Print bay codes',
  },
} satisfies Catalogue<Key>;
export type PrintKey = Key;
