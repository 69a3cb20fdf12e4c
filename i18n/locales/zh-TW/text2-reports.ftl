# 每週報告（bot/flows/weekly_report.py）與 `/incident stats`（bot/flows/stats.py）。

text2-weekly-last-7-days = *最近 7 天*
# 報告標題中日期與統計每週標籤的 strftime 格式
text2-weekly-day-format = %m/%d
text2-stats-type = 類型 {$name}
text2-stats-service = 服務 {$name}
text2-stats-per-week = 每週（已解決）：
