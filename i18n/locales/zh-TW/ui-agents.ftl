# 事件摘要（bot/ui/summary_blocks.py）與分類建議的嚴重度（bot/ui/triage_blocks.py）。

ui-summary-header = 事件摘要 · {$id}
ui-summary-by-claude = 由 Claude 根據事件紀錄撰寫
ui-summary-from-record = 取自事件紀錄
ui-summary-only-you = 只有你看得到
ui-summary-share = 分享到頻道
ui-triage-no-reason = 未提供理由
ui-triage-accept = 採用 {$severity}
ui-triage-keep = 維持 {$severity}
