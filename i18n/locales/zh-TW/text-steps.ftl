# 戰情室中的 AI 代理步驟（bot/ui/text.py）。

text-steps-busy = :hourglass_flowing_sand: 已在佇列中或執行中：{$steps}。結果會顯示在這裡該次執行的訊息中；沒有啟動新的步驟。
text-steps-queued = :robot_face: 正在執行 {$label}（{$count} 個步驟）；這裡的一則訊息會隨每個結果出爐而更新（*Details* 可看完整回答）。
text-step-running = {$title}：執行中
text-step-post-failed = :warning: *{$title}* 的結果已儲存，但 Slack 拒絕顯示（{$error}）。
text-step-failed = :x: *{$step}* 步驟在我這邊失敗了，之後的步驟已取消。目前的結果都已保留。請再執行一次 `/incident 執行 {$step}`。
text-run-title = AI 代理步驟
text-run-progress = AI 代理步驟：已完成 {$done}／{$total}
text-no-step-result = :information_source: *{$title}* 還沒有儲存的回答，請先執行它。
text-steps-cooling-down = :hourglass: {$incident} 剛剛才要求過 `{$label}`，{$minutes} 分鐘後才能再執行。結果都在戰情室中。
