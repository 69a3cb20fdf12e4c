# 事件卡片、按鈕與卡片開啟的表單（bot/ui/blocks.py）。
# Slack 限制：按鈕文字 75、標題 150、選項文字 75、表單標題 24 個字元。

ui-cancel = 取消
ui-post-update = 發布狀態更新
ui-unassigned = _未指派_

## 事件卡片
ui-card-not-classified = _尚未分類_
ui-card-severity = 嚴重度
ui-card-status = 狀態
ui-card-type = 類型
ui-card-declared = 宣告時間
ui-card-declared-by = {$at}，由 <@{$user}> 宣告
ui-card-smes = 主題專家
ui-card-none-yet = _尚無_
ui-card-assign-ic = 指派事件指揮官
ui-card-tech-lead = 指派技術負責人
ui-card-comms-lead = 指派溝通負責人
ui-card-add-sme = 新增主題專家
ui-card-resolve = 解決
ui-card-resolve-confirm-title = 要解決這個事件嗎？
ui-card-resolve-confirm-text = {$id} 將標示為已解決並對外公告。
ui-card-not-yet = 先不要
ui-card-reopen = 重新開啟

## 卡片上的成功指標
ui-clock-resolved = :white_check_mark: {$at} 已解決，歷時 {$duration}
ui-clock-open-for = :stopwatch: 已持續 {$duration}
ui-clock-severity-set = 宣告後 {$duration} 設定嚴重度
ui-clock-last-update = 上次狀態更新 {$at}
ui-clock-no-update-yet = 尚無狀態更新
ui-clock-next-due = 下次狀態更新期限 {$at}
ui-clock-next-due-overdue = 下次狀態更新期限 {$at} :warning: 已逾時

## 宣告表單
ui-declare-title = 宣告事件
ui-declare-submit = 宣告
ui-declare-title-label = 標題
ui-declare-slug-label = 簡短頻道名稱
ui-declare-slug-hint = 選填，作為戰情室頻道名稱，例如 checkout-500s。未填時中文標題會轉成拼音。
ui-declare-severity-label = 嚴重度
ui-declare-severity-placeholder = 有多嚴重？
ui-declare-severity-option = {$label}：{$meaning}
ui-declare-type-label = 類型
ui-declare-type-placeholder = 選最接近的類型
ui-declare-description-label = 你看到了什麼？

## 角色表單
ui-role-modal-nobody = 尚無人擔任
ui-role-modal-assign = 指派
ui-role-modal-add = 新增
ui-role-modal-title = {$verb}{$role}
ui-role-modal-short-incident-commander = 指揮官
ui-role-modal-short-tech-lead = 技術負責人
ui-role-modal-short-comms-lead = 溝通負責人
ui-role-modal-short-sme = 專家
ui-role-modal-duty = {$role}{$duty}。目前：{$holders}。
ui-role-modal-pick-person = 選擇一個人
ui-role-modal-note = 交接備註

## 時間軸與進行中事件列表
ui-timeline-bot = 機器人
ui-timeline-line = `{$time}` {$who}：{$said}{$reason}
ui-timeline-reason = {" "}_（{$reason}）_
ui-timeline-header = 時間軸 · {$id}（{$zone} {$day}）
ui-timeline-earlier-not-shown = 較早的 {$count} 段未顯示
ui-list-war-room-pending = _戰情室建立中_
ui-list-header = 進行中的事件（{$count}）

## 狀態更新表單與訊息
ui-update-title = 狀態更新
ui-update-cadence = 每 {$cadence} 需更新一次
ui-update-no-cadence = 此嚴重度不需定期更新
ui-update-eta-none = 自行決定
ui-update-what = 上次更新後發生了什麼
ui-update-impact = 目前影響
ui-update-next-steps = 下一步
ui-update-next-update = 下次更新
ui-update-on-cadence = 依預設頻率（{$cadence}）
ui-update-eta-within = {$eta} 內
ui-update-message-header = 狀態更新 · {$id} · {$title}
ui-update-message-next-due = 下次狀態更新期限 {$at}
ui-update-message-posted-by = 由 <@{$user}> 發布{$due}

## 提醒
ui-nudge-incident-commander = 事件指揮官

## 告警與分類
ui-alert-firing = :red_circle: 觸發中
ui-alert-resolved = :large_green_circle: 已恢復
ui-alert-source = 來源
ui-triage-header = 告警待分類：{$name}
ui-triage-declare = 宣告事件
ui-triage-declared-header = 告警：{$name}
