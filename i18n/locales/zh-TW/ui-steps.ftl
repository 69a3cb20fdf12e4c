# 卡片與戰情室中的 AI 代理步驟（bot/ui/step_blocks.py）。

ui-steps-run-placeholder = 執行 AI 代理步驟…
ui-steps-workflow = 工作流程
ui-steps-all = 全部 {$count} 個步驟（依相依順序）
ui-steps-phase = 階段 {$phase}
ui-steps-one-step = 單一步驟
ui-steps-details = 詳細內容
ui-steps-origin-fallback = :warning: Claude 無法使用，改用內建回答
ui-steps-origin-claude-model = 由 Claude 回答（{$model}）
ui-steps-origin-claude = 由 Claude 回答
ui-steps-origin-builtin = 內建回答（未使用 AI 模型）
ui-steps-done-count = 已完成 {$done}／{$total}
ui-steps-state-waiting = 等待中
ui-steps-state-running = 執行中
ui-steps-state-done = 已完成
ui-steps-state-failed = 失敗
ui-steps-answer-cut = _回答超過 Slack 視窗可顯示的長度，其餘部分已截斷。_
ui-steps-close = 關閉
