# The weekly report (bot/flows/weekly_report.py) and `/incident stats` (bot/flows/stats.py).

text2-weekly-last-7-days = *Last 7 days*
# strftime pattern of a day in the report's heading and the stats' weeks
text2-weekly-day-format = %d %b
text2-stats-type = type {$name}
text2-stats-service = service {$name}
text2-stats-per-week = {"per week (resolved): "}
