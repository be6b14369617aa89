import type { Catalogue } from './translate';

type Key =
  | 'page.title'
  | 'page.loading'
  | 'page.scanNext'
  | 'page.scanFirst'
  | 'page.signedInAs'
  | 'page.until'
  | 'page.signOut'
  | 'page.offline'
  | 'page.offlineShort'
  | 'page.online'
  | 'page.pending'
  | 'page.pendingHint'
  | 'page.sending'
  | 'page.waitingFor'
  | 'page.discard'
  | 'page.dismiss'
  | 'page.retry'
  | 'page.home'
  | 'page.currentBay'
  | 'page.clearBay'
  | 'refuse.invalid_code.title'
  | 'refuse.invalid_code.body'
  | 'refuse.foreign_store.title'
  | 'refuse.foreign_store.body'
  | 'refuse.revoked_code.title'
  | 'refuse.revoked_code.body'
  | 'refuse.not_found.title'
  | 'refuse.not_found.body'
  | 'refuse.other.title'
  | 'refuse.scanAnother'
  | 'signIn.title'
  | 'signIn.badge'
  | 'signIn.orPin'
  | 'signIn.pinFor'
  | 'signIn.noPeople'
  | 'signIn.back'
  | 'signIn.wrong'
  | 'signIn.attemptsLeft'
  | 'signIn.wait'
  | 'signIn.locked'
  | 'signIn.noPin'
  | 'signIn.ok'
  | 'signIn.needOnline'
  | 'signIn.noPinSet'
  | 'ro.stage'
  | 'ro.promised'
  | 'ro.operations'
  | 'ro.otherOperations'
  | 'ro.closed.delivered'
  | 'ro.closed.cancelled'
  | 'ro.closed.no_show'
  | 'ro.nothing'
  | 'op.worked'
  | 'op.bay'
  | 'op.technician'
  | 'op.pausedFor'
  | 'op.partEta'
  | 'op.noActions'
  | 'op.unassignedBay'
  | 'bay.selected'
  | 'bay.empty'
  | 'bay.scanCard'
  | 'badge.signedIn'
  | 'badge.scanCard'
  | 'act.startOperation'
  | 'act.startAt'
  | 'act.pauseOperation'
  | 'act.resumeOperation'
  | 'act.finishOperation'
  | 'act.qcPass'
  | 'act.qcFail'
  | 'act.washDone'
  | 'act.markReady'
  | 'act.deliver'
  | 'act.changeBay'
  | 'done.startOperation'
  | 'done.pauseOperation'
  | 'done.resumeOperation'
  | 'done.finishOperation'
  | 'done.qcPass'
  | 'done.qcFail'
  | 'done.washDone'
  | 'done.markReady'
  | 'done.deliver'
  | 'done.queued'
  | 'bayPick.title'
  | 'bayPick.assigned'
  | 'pause.title'
  | 'pause.parts'
  | 'pause.approval'
  | 'pause.break'
  | 'pause.partName'
  | 'pause.partPlaceholder'
  | 'pause.eta'
  | 'pause.eta30m'
  | 'pause.eta1h'
  | 'pause.eta2h'
  | 'pause.etaTomorrow'
  | 'pause.etaUnknown'
  | 'pause.confirm'
  | 'pause.cancel'
  | 'pause.approvalNote'
  | 'qc.title'
  | 'qc.reason'
  | 'qc.reasonPlaceholder'
  | 'qc.redo'
  | 'qc.confirm'
  | 'qc.r.noise'
  | 'qc.r.leak'
  | 'qc.r.torque'
  | 'qc.r.clean'
  | 'qc.r.light'
  | 'qc.needOp'
  | 'busy.title'
  | 'busy.body'
  | 'busy.pauseFirst'
  | 'busy.cancel'
  | 'deliver.title'
  | 'deliver.body'
  | 'deliver.confirm'
  | 'fail.title'
  | 'fail.stale'
  | 'fail.staleBy'
  | 'fail.busyTech'
  | 'fail.busyBay'
  | 'fail.forbidden'
  | 'fail.signIn'
  | 'fail.other'
  | 'camera.title'
  | 'camera.close'
  | 'camera.hint'
  | 'camera.unavailable'
  | 'camera.insecure'
  | 'camera.denied'
  | 'camera.notOurs'
  | 'shared.leaves'
  | 'shared.back'
  | 'shared.scanNext'
  | 'shared.scanAnother'
  | 'shared.scanBadge'
  | 'jobs.mine'
  | 'jobs.atBay'
  | 'jobs.none'
  | 'jobs.hint'
  | 'jobs.back'
  | 'jobs.loading'
  | 'addOn.propose'
  | 'addOn.title'
  | 'addOn.what'
  | 'addOn.whatPlaceholder'
  | 'addOn.price'
  | 'addOn.hours'
  | 'addOn.photos'
  | 'addOn.addPhoto'
  | 'addOn.removePhoto'
  | 'addOn.maxPhotos'
  | 'addOn.send'
  | 'addOn.sending'
  | 'addOn.sent'
  | 'addOn.failed'
  | 'addOn.needOnline'
  | 'addOn.pending'
  | 'addOn.approved'
  | 'addOn.declined'
  | 'addOn.list'
  | 'hours';

/** The technician scan page (/s/<code>) and the page that refuses a bad code. */
export const scan = {
  'zh-CN': {
    'shared.leaves': '工位看板共用屏幕：{s} 秒后自动退出登录并返回',
    'shared.back': '退出并返回工位看板',
    'shared.scanNext': '用工位扫码枪扫描下一张工单',
    'shared.scanAnother': '用工位扫码枪扫描其他工单',
    'shared.scanBadge': '用工位扫码枪扫描您的工牌',
    'jobs.mine': '我的任务（{n}）',
    'jobs.atBay': '{bay} 的任务（{n}）',
    'jobs.none': '现在没有派给您的任务。扫描派工单即可开始。',
    'jobs.hint': '点一项打开，或扫描派工单、工位码。',
    'jobs.back': '我的任务',
    'jobs.loading': '正在读取我的任务…',
    'page.title': '扫码报工',
    'page.loading': '正在读取…',
    'page.scanNext': '扫描下一个',
    'page.scanFirst': '扫描派工单、工位码或工牌',
    'page.signedInAs': '{name}',
    'page.until': '登录至 {time}',
    'page.signOut': '退出',
    'page.offline': '离线：操作已保存，联网后自动发送',
    'page.offlineShort': '离线',
    'page.online': '在线',
    'page.pending': '{n} 个操作等待发送',
    'page.pendingHint': '按顺序发送，每个只执行一次',
    'page.sending': '发送中…',
    'page.waitingFor': '等待 {name} 登录后发送',
    'page.discard': '删除',
    'page.dismiss': '知道了',
    'page.retry': '重试',
    'page.home': '返回',
    'page.currentBay': '当前工位：{bay}',
    'page.clearBay': '清除',
    'refuse.invalid_code.title': '二维码无效',
    'refuse.invalid_code.body': '这个二维码不是本系统打印的，或者已被改动、损坏。请扫描派工单上的二维码，或请服务顾问重新打印。',
    'refuse.foreign_store.title': '不是本店的二维码',
    'refuse.foreign_store.body': '这个二维码属于其他门店，本手机不能用它操作。',
    'refuse.revoked_code.title': '二维码已作废',
    'refuse.revoked_code.body': '这张派工单、工位码或工牌已被管理员作废。请使用新打印的。',
    'refuse.not_found.title': '找不到对应的记录',
    'refuse.not_found.body': '二维码对应的工单或项目已不在系统中。',
    'refuse.other.title': '无法打开',
    'refuse.scanAnother': '扫描其他二维码',
    'signIn.title': '请先登录',
    'signIn.badge': '扫描我的工牌',
    'signIn.orPin': '或点击姓名，输入 PIN',
    'signIn.pinFor': '{name}，请输入 PIN',
    'signIn.noPeople': '扫描派工单或工位码后，可以用 PIN 登录',
    'signIn.back': '返回',
    'signIn.wrong': 'PIN 不对',
    'signIn.attemptsLeft': '还可以再试 {n} 次',
    'signIn.wait': '请等待 {s} 秒再试',
    'signIn.locked': 'PIN 已锁定至 {time}。请扫描工牌，或请管理员解锁。',
    'signIn.noPin': '未设置 PIN',
    'signIn.noPinSet': '还没有设置 PIN。请扫描工牌，或请管理员设置。',
    'signIn.ok': '已登录：{name}',
    'signIn.needOnline': '登录需要网络',
    'ro.stage': '状态',
    'ro.promised': '承诺 {time}',
    'ro.operations': '维修项目',
    'ro.otherOperations': '本单其他项目',
    'ro.closed.delivered': '此车已交车（{time}），无需操作',
    'ro.closed.cancelled': '此工单已取消，无需操作',
    'ro.closed.no_show': '客户未到店，无需操作',
    'ro.nothing': '你现在不能对这张工单做操作',
    'op.worked': '已用 {worked} / 标准 {std}',
    'op.bay': '工位',
    'op.technician': '技师',
    'op.pausedFor': '暂停原因：{reason}',
    'op.partEta': '{part}，预计 {time} 到',
    'op.noActions': '你现在不能对这个项目做操作',
    'op.unassignedBay': '未派工位',
    'bay.selected': '已选为当前工位',
    'bay.empty': '这个工位现在没有车',
    'bay.scanCard': '接着扫描派工单开工',
    'badge.signedIn': '已登录',
    'badge.scanCard': '现在扫描派工单',
    'act.startOperation': '开始',
    'act.startAt': '工位：{bay}',
    'act.pauseOperation': '暂停',
    'act.resumeOperation': '继续',
    'act.finishOperation': '完工',
    'act.qcPass': '质检通过',
    'act.qcFail': '质检不通过',
    'act.washDone': '洗车完成',
    'act.markReady': '标记可取车',
    'act.deliver': '交车给客户',
    'act.changeBay': '换工位',
    'done.startOperation': '已开始：{what}',
    'done.pauseOperation': '已暂停：{what}',
    'done.resumeOperation': '已继续：{what}',
    'done.finishOperation': '已完工：{what}',
    'done.qcPass': '质检通过：{what}',
    'done.qcFail': '已退回返工：{what}',
    'done.washDone': '洗车完成：{what}',
    'done.markReady': '可以取车：{what}',
    'done.deliver': '已交车：{what}',
    'done.queued': '已保存，联网后自动发送',
    'bayPick.title': '在哪个工位开始？',
    'bayPick.assigned': '派工',
    'addOn.propose': '发现增项',
    'addOn.title': '发现增项：请顾客确认',
    'addOn.what': '项目',
    'addOn.whatPlaceholder': '如：更换前刹车片',
    'addOn.price': '价格（元）',
    'addOn.hours': '标准工时（小时）',
    'addOn.photos': '照片（最多 3 张）',
    'addOn.addPhoto': '拍照 / 选择照片',
    'addOn.removePhoto': '删除照片 {n}',
    'addOn.maxPhotos': '最多 3 张照片',
    'addOn.send': '发送给顾客确认',
    'addOn.sending': '正在上传…',
    'addOn.sent': '已发送，等待顾客确认：{title}',
    'addOn.failed': '未能发送',
    'addOn.needOnline': '上传照片需要网络',
    'addOn.pending': '等待顾客确认',
    'addOn.approved': '顾客已同意',
    'addOn.declined': '顾客已拒绝',
    'addOn.list': '增项',
    'pause.title': '为什么暂停？',
    'pause.parts': '等待配件',
    'pause.approval': '等待客户确认',
    'pause.break': '休息',
    'pause.partName': '缺什么配件？',
    'pause.partPlaceholder': '例如：前刹车片',
    'pause.eta': '预计到货',
    'pause.eta30m': '30 分钟',
    'pause.eta1h': '1 小时',
    'pause.eta2h': '2 小时',
    'pause.etaTomorrow': '明天上午',
    'pause.etaUnknown': '不确定',
    'pause.confirm': '确认暂停',
    'pause.cancel': '取消',
    'pause.approvalNote': '备注（可不填）',
    'qc.title': '质检不通过',
    'qc.reason': '原因',
    'qc.reasonPlaceholder': '写下原因',
    'qc.redo': '哪些项目要返工？',
    'qc.confirm': '退回返工',
    'qc.r.noise': '有异响',
    'qc.r.leak': '有渗漏',
    'qc.r.torque': '螺丝未拧紧',
    'qc.r.clean': '不干净',
    'qc.r.light': '故障灯未消',
    'qc.needOp': '至少选一个项目',
    'busy.title': '你正在做另一个项目',
    'busy.body': '「{op}」（{ro}）还在进行中。先暂停它，再开始这个？',
    'busy.pauseFirst': '暂停那个，开始这个',
    'busy.cancel': '不开始',
    'deliver.title': '确认交车？',
    'deliver.body': '{plate}（{ro}）交给客户后，工单结束，不能撤回。',
    'deliver.confirm': '确认交车',
    'fail.title': '没有执行：{what}',
    'fail.stale': '它现在是「{current}」——可能已被别人更改。请看最新状态。',
    'fail.staleBy': '它现在是「{current}」——{name} 已经在做了。',
    'fail.busyTech': '{name} 正在做「{op}」（{ro}）。',
    'fail.busyBay': '工位 {bay} 正在修 {ro}。',
    'fail.forbidden': '你的角色不能做这个操作。',
    'fail.signIn': '登录已失效，请重新登录。',
    'fail.other': '{message}',
    'camera.title': '对准二维码',
    'camera.close': '关闭相机',
    'camera.hint': '可以连续扫描多张派工单',
    'camera.unavailable': '无法使用相机。请用手机自带相机扫码。',
    'camera.insecure': '页面内扫码需要 HTTPS 地址。请用手机自带相机扫码。',
    'camera.denied': '没有相机权限。请在浏览器设置中允许使用相机。',
    'camera.notOurs': '这不是本系统的二维码',
    hours: '{h} 小时',
  },
  en: {
    'shared.leaves': 'Shared bay screen: signs out and goes back in {s} s',
    'shared.back': 'Sign out and back to the bay board',
    'shared.scanNext': "Scan the next job card with the bay's scanner",
    'shared.scanAnother': "Scan another job card with the bay's scanner",
    'shared.scanBadge': "Scan your badge with the bay's scanner",
    'jobs.mine': 'My jobs ({n})',
    'jobs.atBay': 'At {bay} ({n})',
    'jobs.none': 'Nothing is assigned to you right now. Scan a job card to start.',
    'jobs.hint': 'Tap one to open it, or scan a job card or bay code.',
    'jobs.back': 'My jobs',
    'jobs.loading': 'Loading my jobs…',
    'page.title': 'Scan to work',
    'page.loading': 'Loading…',
    'page.scanNext': 'Scan next',
    'page.scanFirst': 'Scan a job card, bay code or badge',
    'page.signedInAs': '{name}',
    'page.until': 'until {time}',
    'page.signOut': 'Sign out',
    'page.offline': 'Offline: actions are saved and sent when back online',
    'page.offlineShort': 'Offline',
    'page.online': 'Online',
    'page.pending': '{n} action(s) waiting to be sent',
    'page.pendingHint': 'Sent in order, each applied once',
    'page.sending': 'Sending…',
    'page.waitingFor': 'Waiting for {name} to sign in',
    'page.discard': 'Delete',
    'page.dismiss': 'OK',
    'page.retry': 'Retry',
    'page.home': 'Back',
    'page.currentBay': 'Bay: {bay}',
    'page.clearBay': 'Clear',
    'refuse.invalid_code.title': 'Invalid code',
    'refuse.invalid_code.body':
      'This code was not printed by this system, or it was altered or damaged. Scan the code on the job card, or ask the advisor to print it again.',
    'refuse.foreign_store.title': "Not this store's code",
    'refuse.foreign_store.body': 'This code belongs to another store; it cannot be used from this phone.',
    'refuse.revoked_code.title': 'Code withdrawn',
    'refuse.revoked_code.body': 'An admin withdrew this job card, bay code or badge. Use the newly printed one.',
    'refuse.not_found.title': 'Nothing found',
    'refuse.not_found.body': 'The repair order or operation of this code is no longer in the system.',
    'refuse.other.title': 'Cannot open this',
    'refuse.scanAnother': 'Scan another code',
    'signIn.title': 'Sign in first',
    'signIn.badge': 'Scan my badge',
    'signIn.orPin': 'or tap your name and type your PIN',
    'signIn.pinFor': '{name}, type your PIN',
    'signIn.noPeople': 'After scanning a job card or bay code you can sign in with a PIN',
    'signIn.back': 'Back',
    'signIn.wrong': 'Wrong PIN',
    'signIn.attemptsLeft': '{n} tries left',
    'signIn.wait': 'Wait {s} s before trying again',
    'signIn.locked': 'PIN locked until {time}. Scan your badge or ask an admin to unlock it.',
    'signIn.noPin': 'No PIN',
    'signIn.noPinSet': 'No PIN is set. Scan your badge, or ask an admin to set one.',
    'signIn.ok': 'Signed in: {name}',
    'signIn.needOnline': 'Signing in needs the network',
    'ro.stage': 'Stage',
    'ro.promised': 'Promised {time}',
    'ro.operations': 'Operations',
    'ro.otherOperations': 'Other operations on this order',
    'ro.closed.delivered': 'This car was delivered ({time}); nothing to do',
    'ro.closed.cancelled': 'This repair order was cancelled; nothing to do',
    'ro.closed.no_show': 'The customer did not come; nothing to do',
    'ro.nothing': 'There is nothing you can do on this repair order now',
    'op.worked': '{worked} of {std} used',
    'op.bay': 'Bay',
    'op.technician': 'Technician',
    'op.pausedFor': 'Paused: {reason}',
    'op.partEta': '{part}, expected {time}',
    'op.noActions': 'There is nothing you can do on this operation now',
    'op.unassignedBay': 'No bay yet',
    'bay.selected': 'Selected as your bay',
    'bay.empty': 'No car at this bay now',
    'bay.scanCard': 'Now scan a job card to start',
    'badge.signedIn': 'Signed in',
    'badge.scanCard': 'Now scan a job card',
    'act.startOperation': 'Start',
    'act.startAt': 'at {bay}',
    'act.pauseOperation': 'Pause',
    'act.resumeOperation': 'Resume',
    'act.finishOperation': 'Finish',
    'act.qcPass': 'QC pass',
    'act.qcFail': 'QC fail',
    'act.washDone': 'Wash done',
    'act.markReady': 'Ready for pickup',
    'act.deliver': 'Hand over (delivered)',
    'act.changeBay': 'Change bay',
    'done.startOperation': 'Started: {what}',
    'done.pauseOperation': 'Paused: {what}',
    'done.resumeOperation': 'Resumed: {what}',
    'done.finishOperation': 'Finished: {what}',
    'done.qcPass': 'QC passed: {what}',
    'done.qcFail': 'Sent back for rework: {what}',
    'done.washDone': 'Wash done: {what}',
    'done.markReady': 'Ready for pickup: {what}',
    'done.deliver': 'Delivered: {what}',
    'done.queued': 'Saved; it is sent when back online',
    'bayPick.title': 'At which bay?',
    'bayPick.assigned': 'assigned',
    'addOn.propose': 'Found extra work',
    'addOn.title': 'Extra work for the customer to approve',
    'addOn.what': 'Work',
    'addOn.whatPlaceholder': 'e.g. Replace front brake pads',
    'addOn.price': 'Price (yuan)',
    'addOn.hours': 'Standard hours',
    'addOn.photos': 'Photos (up to 3)',
    'addOn.addPhoto': 'Take / choose a photo',
    'addOn.removePhoto': 'Remove photo {n}',
    'addOn.maxPhotos': 'Up to 3 photos',
    'addOn.send': 'Send to the customer',
    'addOn.sending': 'Uploading…',
    'addOn.sent': 'Sent; waiting for the customer: {title}',
    'addOn.failed': 'Not sent',
    'addOn.needOnline': 'Uploading photos needs the network',
    'addOn.pending': 'Waiting for the customer',
    'addOn.approved': 'Approved by the customer',
    'addOn.declined': 'Declined by the customer',
    'addOn.list': 'Extra work',
    'pause.title': 'Why pause?',
    'pause.parts': 'Waiting for parts',
    'pause.approval': 'Customer approval',
    'pause.break': 'Break',
    'pause.partName': 'Which part is missing?',
    'pause.partPlaceholder': 'e.g. front brake pads',
    'pause.eta': 'Expected',
    'pause.eta30m': '30 min',
    'pause.eta1h': '1 hour',
    'pause.eta2h': '2 hours',
    'pause.etaTomorrow': 'Tomorrow 9:00',
    'pause.etaUnknown': 'Not sure',
    'pause.confirm': 'Pause',
    'pause.cancel': 'Cancel',
    'pause.approvalNote': 'Note (optional)',
    'qc.title': 'QC fail',
    'qc.reason': 'Reason',
    'qc.reasonPlaceholder': 'Write the reason',
    'qc.redo': 'Which operations need rework?',
    'qc.confirm': 'Send back for rework',
    'qc.r.noise': 'Noise',
    'qc.r.leak': 'Leak',
    'qc.r.torque': 'Bolts not tight',
    'qc.r.clean': 'Not clean',
    'qc.r.light': 'Warning light on',
    'qc.needOp': 'Choose at least one operation',
    'busy.title': 'You are on another job',
    'busy.body': '"{op}" ({ro}) is still in progress. Pause it and start this one?',
    'busy.pauseFirst': 'Pause that, start this',
    'busy.cancel': "Don't start",
    'deliver.title': 'Hand the car over?',
    'deliver.body': 'Once {plate} ({ro}) is handed to the customer the order is closed; this cannot be undone.',
    'deliver.confirm': 'Yes, handed over',
    'fail.title': 'Not done: {what}',
    'fail.stale': 'It is now "{current}" — someone may have changed it. See the current state.',
    'fail.staleBy': 'It is now "{current}" — {name} has it.',
    'fail.busyTech': '{name} is working on "{op}" ({ro}).',
    'fail.busyBay': 'Bay {bay} is busy with {ro}.',
    'fail.forbidden': 'Your role may not do this.',
    'fail.signIn': 'Your sign-in has ended; sign in again.',
    'fail.other': '{message}',
    'camera.title': 'Point at a QR code',
    'camera.close': 'Close camera',
    'camera.hint': 'Scan many job cards in a row',
    'camera.unavailable': "The camera cannot be used. Scan with the phone's own camera app.",
    'camera.insecure': "Scanning in the page needs an HTTPS address. Use the phone's own camera app.",
    'camera.denied': 'No camera permission. Allow the camera in the browser settings.',
    'camera.notOurs': 'This is not a code of this system',
    hours: '{h} h',
  },
} satisfies Catalogue<Key>;
export type ScanKey = Key;
