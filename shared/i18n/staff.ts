import type { Catalogue } from './translate';

type Key =
  | 'nav.dispatch'
  | 'nav.customer'
  | 'nav.print'
  | 'nav.people'
  | 'nav.displays'
  | 'nav.scan'
  | 'nav.reports'
  | 'nav.plan'
  | 'nav.reminders'
  | 'nav.webhooks'
  | 'nav.signOut'
  | 'nav.signedInAs'
  | 'nav.password'
  | 'signIn.loginBadge'
  | 'signIn.passwordOrPin'
  | 'signIn.title'
  | 'signIn.store'
  | 'signIn.login'
  | 'signIn.loginHint'
  | 'signIn.password'
  | 'signIn.submit'
  | 'signIn.noPassword'
  | 'signIn.wrong'
  | 'signIn.name_ambiguous'
  | 'signIn.disabled'
  | 'signIn.slow_down'
  | 'signIn.too_many'
  | 'signIn.signedOut'
  | 'signIn.forbidden'
  | 'password.title'
  | 'password.current'
  | 'password.new'
  | 'password.repeat'
  | 'password.rules'
  | 'password.submit'
  | 'password.mismatch'
  | 'password.done'
  | 'password.noAccount'
  | 'password.first'
  | 'problem.short'
  | 'problem.long'
  | 'problem.repeated'
  | 'problem.common'
  | 'problem.personal'
  | 'problem.current'
  | 'people.title'
  | 'people.add'
  | 'people.id'
  | 'people.name'
  | 'people.roles'
  | 'people.state'
  | 'people.source'
  | 'people.fromConfig'
  | 'people.added'
  | 'people.hasPassword'
  | 'people.noPassword'
  | 'people.disabled'
  | 'people.disable'
  | 'people.enable'
  | 'people.reset'
  | 'people.link'
  | 'people.linkFor'
  | 'people.linkHint'
  | 'people.disableConfirm'
  | 'people.resetConfirm'
  | 'people.addHint'
  | 'people.count'
  | 'people.done'
  | 'role.technician'
  | 'role.inspector'
  | 'role.washer'
  | 'role.advisor'
  | 'role.dispatcher'
  | 'role.manager'
  | 'role.admin';

/** The staff pages: sign-in, choosing a password, /admin/people and the staff navigation. */
export const staff = {
  'zh-CN': {
    'nav.dispatch': '调度看板',
    'nav.customer': '客户看板',
    'nav.print': '打印工牌',
    'nav.people': '人员',
    'nav.displays': '屏幕',
    'nav.scan': '扫码登录',
    'nav.reports': '经营报表',
    'nav.plan': '预约排程',
    'nav.reminders': '维修提醒',
    'nav.webhooks': 'Webhook 推送',
    'nav.signOut': '退出登录',
    'nav.signedInAs': '{name}',
    'nav.password': '修改密码',
    'signIn.title': '员工登录',
    'signIn.store': '门店',
    'signIn.login': '工号或姓名',
    'signIn.loginHint': '例如 adv-01',
    'signIn.loginBadge': '工号、姓名，或扫描工牌',
    'signIn.passwordOrPin': '密码（扫工牌时输入扫码 PIN）',
    'signIn.password': '密码',
    'signIn.submit': '登录',
    'signIn.noPassword': '还没有密码？请管理员在“人员”页为您生成登录链接，打开后设置密码。',
    'signIn.wrong': '工号/姓名或密码不对。',
    'signIn.name_ambiguous': '有两位同名同事，请输入工号。',
    'signIn.disabled': '此账号已停用，请联系管理员。',
    'signIn.slow_down': '尝试过于频繁，请 {s} 秒后再试。',
    'signIn.too_many': '此设备尝试次数过多，请 {m} 分钟后再试。',
    'signIn.signedOut': '已退出登录。',
    'signIn.forbidden': '当前账号（{name}）不能打开此页面，请换一个有权限的账号登录。',
    'password.title': '设置密码',
    'password.current': '当前密码',
    'password.new': '新密码',
    'password.repeat': '再输入一次',
    'password.rules': '至少 8 位；不能是常见密码，不能包含工号或姓名。',
    'password.submit': '保存密码',
    'password.mismatch': '两次输入的密码不一致。',
    'password.done': '密码已保存。以后可在登录页用工号和密码登录；其他设备上的登录已退出。',
    'password.noAccount': '控制台管理员没有密码。请在“人员”页为自己生成登录链接。',
    'password.first': '欢迎，{name}。请设置您的登录密码。',
    'problem.short': '密码至少 8 位。',
    'problem.long': '密码最多 128 位。',
    'problem.repeated': '密码不能是同一个字符重复。',
    'problem.common': '这是最常见的密码之一，请换一个。',
    'problem.personal': '密码不能包含您的工号或姓名。',
    'problem.current': '当前密码不对。',
    'people.title': '人员与账号',
    'people.add': '添加人员',
    'people.id': '工号',
    'people.name': '姓名',
    'people.roles': '角色',
    'people.state': '账号',
    'people.source': '来源',
    'people.fromConfig': '门店配置',
    'people.added': '管理员添加',
    'people.hasPassword': '已设密码',
    'people.noPassword': '未设密码',
    'people.disabled': '已停用',
    'people.disable': '停用',
    'people.enable': '启用',
    'people.reset': '重置密码',
    'people.link': '登录链接',
    'people.linkFor': '{name} 的一次性登录链接（10 分钟内有效，只能用一次）：',
    'people.linkHint': '请当面交给本人：用手机扫码或打开链接，然后设置密码。',
    'people.disableConfirm': '停用后此人在所有设备上立即退出，且不能再登录。确定停用？',
    'people.resetConfirm': '重置后旧密码立即失效，此人在所有设备上退出。确定重置？',
    'people.addHint': '技师、顾问和工位来自门店配置；这里添加前台、办公室等其他同事。',
    'people.count': '共 {n} 人',
    'people.done': '完成',
    'role.technician': '技师',
    'role.inspector': '质检',
    'role.washer': '洗车',
    'role.advisor': '服务顾问',
    'role.dispatcher': '调度',
    'role.manager': '经理',
    'role.admin': '管理员',
  },
  en: {
    'nav.dispatch': 'Dispatch board',
    'nav.customer': 'Lobby board',
    'nav.print': 'Print badges',
    'nav.people': 'People',
    'nav.displays': 'Displays',
    'nav.scan': 'Scan sign-ins',
    'nav.reports': 'Reports',
    'nav.plan': 'Planner',
    'nav.reminders': 'Reminders',
    'nav.webhooks': 'Webhooks',
    'nav.signOut': 'Sign out',
    'nav.signedInAs': '{name}',
    'nav.password': 'Change password',
    'signIn.title': 'Staff sign-in',
    'signIn.store': 'Store',
    'signIn.login': 'Staff number or name',
    'signIn.loginHint': 'e.g. adv-01',
    'signIn.loginBadge': 'Staff number, name, or scan your badge',
    'signIn.passwordOrPin': 'Password (your scan PIN after a badge)',
    'signIn.password': 'Password',
    'signIn.submit': 'Sign in',
    'signIn.noPassword': 'No password yet? Ask an admin for a sign-in link on the People page, open it and choose one.',
    'signIn.wrong': 'Staff number/name or password is not right.',
    'signIn.name_ambiguous': 'Two people share this name: type your staff number.',
    'signIn.disabled': 'This account is disabled; ask an admin.',
    'signIn.slow_down': 'Too many tries: wait {s} seconds.',
    'signIn.too_many': 'Too many tries from this device: wait {m} minutes.',
    'signIn.signedOut': 'You are signed out.',
    'signIn.forbidden': 'You are signed in as {name}, who may not open this page. Sign in as someone who may.',
    'password.title': 'Choose a password',
    'password.current': 'Current password',
    'password.new': 'New password',
    'password.repeat': 'Repeat it',
    'password.rules': 'At least 8 characters; not a common password; not containing your staff number or name.',
    'password.submit': 'Save password',
    'password.mismatch': 'The two passwords differ.',
    'password.done': 'Password saved. Sign in with your staff number and password from now on; your other devices were signed out.',
    'password.noAccount': 'The console administrator has no password. Make yourself a sign-in link on the People page.',
    'password.first': 'Welcome, {name}. Choose your password.',
    'problem.short': 'A password has at least 8 characters.',
    'problem.long': 'A password has at most 128 characters.',
    'problem.repeated': 'A password cannot be one character repeated.',
    'problem.common': 'This is one of the most common passwords: choose another.',
    'problem.personal': 'A password cannot contain your staff number or name.',
    'problem.current': 'Your current password is not right.',
    'people.title': 'People and accounts',
    'people.add': 'Add a person',
    'people.id': 'Staff number',
    'people.name': 'Name',
    'people.roles': 'Roles',
    'people.state': 'Account',
    'people.source': 'From',
    'people.fromConfig': 'store config',
    'people.added': 'added by an admin',
    'people.hasPassword': 'password set',
    'people.noPassword': 'no password',
    'people.disabled': 'disabled',
    'people.disable': 'Disable',
    'people.enable': 'Enable',
    'people.reset': 'Reset password',
    'people.link': 'Sign-in link',
    'people.linkFor': 'One-time sign-in link for {name} (10 minutes, single use):',
    'people.linkHint': 'Hand it to them in person: they scan or open it and choose a password.',
    'people.disableConfirm': 'They are signed out on every device at once and cannot sign in again. Disable?',
    'people.resetConfirm': 'The old password stops working and they are signed out everywhere. Reset?',
    'people.addHint': 'Technicians, advisors and bays come from the store config; add front-desk and office colleagues here.',
    'people.count': '{n} people',
    'people.done': 'Done',
    'role.technician': 'Technician',
    'role.inspector': 'Inspector',
    'role.washer': 'Washer',
    'role.advisor': 'Advisor',
    'role.dispatcher': 'Dispatcher',
    'role.manager': 'Manager',
    'role.admin': 'Admin',
  },
} satisfies Catalogue<Key>;
export type StaffKey = Key;
