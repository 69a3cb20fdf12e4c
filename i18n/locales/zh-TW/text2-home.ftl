# App Home、追蹤事件、每週報告，以及不進入呼叫、工單與統計的私人事件（bot/ui/text.py）。

text2-home-title = 事件總覽
text2-home-yours = 你的角色與行動項目
text2-home-measures = 最近 90 天
text2-home-no-roles = _尚未指派角色_
text2-home-no-my-roles = 你在進行中的事件裡沒有擔任任何角色。
text2-home-no-actions = 你沒有未完成的行動項目。
text2-home-no-open = :white_check_mark: 目前沒有進行中的事件。
text2-home-room-pending = _戰情室建立中_
text2-home-incident-line = {$emoji} *{$incident}* {$severity} · {$status} · 已持續 {$age} · {$room}
text2-home-role-holder = {$role}：<@{$user}>
text2-home-in-room = {" "}（<#{$channel}>）
text2-home-my-roles = *{$incident}*：{$roles}{$room}
text2-home-overdue = {" "}:warning: 已逾期
text2-home-action-line = *{$incident} #{$number}* {$description}
    到期日 {$due}{$late}
text2-home-more-actions = 還有 {$count} 項：`/incident actions` 會列出全部。
text2-home-open-header = 進行中的事件（{$count}）
text2-home-more-incidents = 還有 {$count} 件（{$by_severity}）：`/incident list` 會列出全部。
text2-home-hidden-private = :lock: 有 {$count} 件你未參與的私人事件未顯示。
text2-home-action-closed = :white_check_mark: 行動項目 {$incident} #{$number} 已完成。
text2-home-stats-line = {$days} 天內解決 {$resolved} 件 · MTTA {$mtta} · 確認原因時間 {$mtti} · MTTR {$mttr} · 準時狀態更新 {$on_time}

text2-following = :bell: 你已追蹤 {$incident}：嚴重度或狀態變更、每次狀態更新以及事件解決時，我都會傳訊息給你。再按一次 *追蹤* 即可停止。
text2-unfollowed = :no_bell: 你已不再追蹤 {$incident}。
text2-follower-severity = :bell: {$incident}（{$title}）：嚴重度 {$old} → {$new}。
text2-follower-status = :bell: {$incident}（{$title}）：狀態 {$old} → {$new}。
text2-follower-update = :bell: {$incident}（{$title}）狀態更新：
text2-follower-resolved = :bell: {$incident}（{$title}）已解決，歷時 {$took}。

text2-weekly-report-text = :bar_chart: *事件報告 {$since} – {$until}*
text2-tickets-held-private = :lock: 未開立任何 {$system} 工單：{$incident} 是私人事件，它的行動項目只有在事件指揮官按下 *開立工單* 時才會離開戰情室。
text2-private-page-summary = {$incident} {$severity}：私人事件（詳情請見其 Slack 戰情室）
text2-stats-private-left-out = _另有 {$count} 件私人事件未列入（管理員可見）。_

# bot/ui/home_blocks.py
text2-home-separator = {" · "}
text2-home-done-button = 完成
text2-home-declare-button = 宣告事件

# bot/flows/home.py, bot/reports/charts.py：量測數據與圖表（以 INCIDENT_LOCALE 繪製）
text2-home-not-available = 無資料
text2-chart-title-response = 各嚴重度每週 MTTR 與 MTTA
text2-chart-title-per-week = 每週解決的事件數，依嚴重度
text2-chart-response-heading = 各嚴重度每週 MTTR（實線）與 MTTA（虛線），單位：分鐘
text2-chart-empty = 此期間沒有已解決的事件
# 圖表座標軸上每週標籤的 strftime 格式
text2-chart-week-format = %m/%d
