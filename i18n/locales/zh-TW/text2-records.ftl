# 宣告、失聯頻道檢查與整合（呼叫、狀態頁、工單）寫入的時間軸備註：以 INCIDENT_LOCALE 呈現於時間軸與事後檢討。

text2-note-declared = 宣告 {$severity}「{$title}」
text2-note-declare-interrupted = 宣告中斷：{$failure}；將在同一個頻道完成
text2-note-declare-step-failed = 宣告：{$step}（{$reason}）
text2-note-declare-failed = 宣告失敗：{$reason}
text2-note-war-room-unreachable = 無法連上戰情室（{$error}）：已停止提醒
text2-note-status-page-published = 已發布狀態頁：{$status} - {$title}
text2-note-status-page-updated = 已更新狀態頁：{$status} - {$title}
text2-note-action-ticket = 行動項目 {$number} 的工單為 {$ticket}
text2-note-action-ticket-closed = 行動項目 {$number} 已完成：{$ticket} 已在 {$system} 關閉
text2-note-paged = 已透過 {$system} 呼叫{$target}
text2-note-page-acknowledged = {$who} 已在 {$system} 確認呼叫
