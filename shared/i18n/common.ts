import type { OperationStatus, PauseReason, RoStage } from '../domain/repair-order';
import type { Catalogue } from './translate';

type StageKey = `stage.${RoStage}`;
type OpKey = `op.${OperationStatus}`;
type PauseKey = `pause.${PauseReason}`;
type Key = StageKey | OpKey | PauseKey | 'conn.reconnecting' | 'conn.connecting' | 'conn.refused' | 'conn.dataAge';

/** Strings every surface shares: stages, operation states, pause reasons, connection badge. */
export const common = {
  en: {
    'stage.scheduled': 'Scheduled',
    'stage.checked_in': 'Checked in',
    'stage.waiting_dispatch': 'Waiting for a bay',
    'stage.in_service': 'In service',
    'stage.quality_check': 'Quality check',
    'stage.washing': 'Washing',
    'stage.ready': 'Ready for pickup',
    'stage.delivered': 'Delivered',
    'stage.no_show': 'No-show',
    'stage.cancelled': 'Cancelled',
    'op.unassigned': 'Not assigned',
    'op.assigned': 'Assigned',
    'op.in_progress': 'In progress',
    'op.paused': 'Paused',
    'op.done': 'Done',
    'pause.parts': 'Waiting for parts',
    'pause.approval': 'Waiting for your approval',
    'pause.break': 'Break',
    'conn.connecting': 'Connecting…',
    'conn.reconnecting': 'Reconnecting since {time}',
    'conn.refused': 'Not available: {reason}',
    'conn.dataAge': 'data from {time}',
  },
  'zh-CN': {
    'stage.scheduled': '已预约',
    'stage.checked_in': '已接车',
    'stage.waiting_dispatch': '等待派工',
    'stage.in_service': '维修中',
    'stage.quality_check': '质检中',
    'stage.washing': '洗车中',
    'stage.ready': '待取车',
    'stage.delivered': '已交车',
    'stage.no_show': '未到店',
    'stage.cancelled': '已取消',
    'op.unassigned': '未派工',
    'op.assigned': '已派工',
    'op.in_progress': '进行中',
    'op.paused': '暂停',
    'op.done': '已完成',
    'pause.parts': '等待配件',
    'pause.approval': '等待客户确认',
    'pause.break': '休息',
    'conn.connecting': '正在连接…',
    'conn.reconnecting': '{time} 起正在重新连接',
    'conn.refused': '无法显示：{reason}',
    'conn.dataAge': '数据时间 {time}',
  },
} satisfies Catalogue<Key>;
