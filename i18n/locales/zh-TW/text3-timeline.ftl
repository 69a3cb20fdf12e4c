# 各流程寫入時間軸的文字（角色、狀態、嚴重度、解決、狀態更新、催促、分類回饋、行動項目、
# 代理步驟）：在時間軸與事後檢討中閱讀，使用 INCIDENT_LOCALE。代理讀取結構化資料，而非這些文字。

text3-note-actions-confirmed = 已確認 {$count} 個行動項目的負責人與到期日
text3-note-action-done = 行動項目 {$number} 已完成：{$description}
text3-note-triage-suggested = 分類建議 {$suggested}（宣告為 {$declared}）
text3-note-triage-classified = 分類判定此事件為{$type}
text3-decision-severity-kept = 嚴重度維持 {$kept}（分類建議 {$suggested}）
text3-note-update-escalated = 狀態更新已逾期 {$overdue}：已升級通知事件指揮官
text3-note-update-reminded-comms = 狀態更新到期：已提醒溝通負責人
text3-note-update-reminded-ic = 狀態更新到期：已提醒事件指揮官
text3-event-role-assigned = <@{$user}> 擔任{$role}
text3-event-role-handed-over = <@{$user}> 擔任{$role}（由 <@{$previous}> 交接）
text3-event-status-changed = 狀態 { $old ->
        [investigating] 調查中
        [identified] 已確認
        [monitoring] 監控中
       *[resolved] 已解決
    } → { $new ->
        [investigating] 調查中
        [identified] 已確認
        [monitoring] 監控中
       *[resolved] 已解決
    }
text3-event-severity-changed = 嚴重度 {$old} → {$new}
text3-event-resolved = 歷時 {$took} 後解決
text3-event-status-update = 狀態更新：{$said}
text3-event-status-update-late = 狀態更新（晚了 {$late}）：{$said}
text3-event-step-done = {$title}：{$headline}
text3-event-postmortem-written = 已撰寫事後檢討
text3-event-postmortem-updated = 已更新事後檢討
