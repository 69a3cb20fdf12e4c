# 工作流程的成功標準與評分（bot/incident/scorecard.py），顯示在事後檢討中。

ui-score-classified = 5 分鐘內完成嚴重度分類
ui-score-updates = 依頻率發布狀態更新
ui-score-updates-value = {$updates} 次更新，{$gaps} 次延遲
ui-score-separator = ；
ui-score-no-cadence = 此嚴重度不需定期更新
ui-score-gap-late = {$at} 的更新晚了 {$late}
ui-score-gap-missing = 應於 {$at} 發布的更新仍未發布（已逾時 {$late}）
ui-score-no-escalation = 沒有因漏發更新而升級
ui-score-time-to-identify = 確認原因所需時間
ui-score-time-to-mitigate = 緩解所需時間（進入監控中）
ui-score-time-to-resolve = 解決所需時間
ui-score-not-reached = 未達到
ui-score-postmortem = 解決後 48 小時內完成事後檢討
ui-score-not-written = 尚未撰寫
ui-score-still-open = 事件仍在進行中
ui-score-action-items = 每個行動項目都有負責人與到期日
ui-score-confirmed = 已確認 {$count} 項
ui-score-none-confirmed = 尚未確認任何項目
