# `/incident summary`（快速掌握）：給晚加入的人（agents/summary.py）。

agents-summary-under-a-minute = 不到一分鐘
agents-summary-minutes = {$minutes} 分鐘
agents-summary-hours = {$hours} 小時 {$minutes} 分鐘
agents-summary-just-now = 剛剛
agents-summary-ago = {$span}前
agents-summary-type-unknown = 尚未分類
agents-summary-severity-unset = 尚未設定嚴重度
agents-summary-resolved-ago = {$ago}已解決
agents-summary-open-for = 已持續 {$span}
agents-summary-no-roles = 尚未指派任何角色
agents-summary-the-bot = 機器人
agents-summary-last-update = {$said}（{$actor}，{$at} UTC，{$ago}）
agents-summary-no-update = 尚未發布狀態更新
agents-summary-not-reported = 尚未回報
agents-summary-decided = 已決定：{$decision}
agents-summary-suggested = 建議：{$action}
agents-summary-nothing-yet = 尚無紀錄
agents-summary-line-happening = **發生了什麼：**{$text}
agents-summary-line-impact = **影響：**{$text}
agents-summary-line-status = **狀態：**{$text}
agents-summary-line-roles = **角色：**{$text}
agents-summary-line-last-update = **最近一次更新：**{$text}
agents-summary-line-being-tried = **正在嘗試：**{$text}
agents-summary-line-questions = **未解問題：**{$text}
agents-summary-happening = {$title}（{$kind}）
