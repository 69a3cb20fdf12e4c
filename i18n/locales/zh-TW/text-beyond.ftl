# 狀態頁、呼叫值班人員、工單、會議橋接（bot/ui/text.py）。

text-vendor-failed = :warning: {$system} 失敗（{$doing}）：{$reason}。事件處理照常進行；一小時內不會再為 {$system} 重複通知。
text-not-configured = {$what} 尚未設定（請設定 {$settings}）。
text-public-incident = 公開事件頁
text-open-link = 開啟
text-status-published = :mega: <@{$actor}> 發布了狀態頁：_{$status}_ · {$link}
text-status-page-updated = :mega: <@{$actor}> 更新了狀態頁：_{$status}_ · {$link}
text-status-live = 狀態頁上目前顯示：*{$name}* · _{$status}_ · 影響 {$impact} · {$link}
text-status-not-live-draft = 此事件目前沒有任何內容顯示在狀態頁上。有一份草稿等待按下 *Publish*。
text-status-not-live = 此事件目前沒有任何內容顯示在狀態頁上。溝通步驟（`/incident 執行 comms`）會起草一份。
text-no-status-draft = 此事件還沒有狀態頁草稿；請先執行 `/incident 執行 comms`。
text-the-on-call = 值班人員
text-the-on-call-subject = 值班人員
text-paged-by = :rotating_light: <@{$actor}> 已透過 {$system} 呼叫{$target}。
text-paged = :rotating_light: 我已透過 {$system} 呼叫{$target}。
text-page-resolved = :white_check_mark: 已隨事件解決 {$count} 則呼叫。
text-already-paged = 此事件已呼叫過{$target}。
text-tickets-opened = :ticket: 行動項目的工單：
text-ticket-closed-elsewhere = :white_check_mark: 第 {$number} 號行動項目已完成：{$ticket} 已在 {$system} 中關閉。
