# 告警、分類與部署（bot/ui/text.py）。

text-alert-title-more = （另有 {$more} 則）
text-alert-declared-by = :rotating_light: <@{$user}> 依據 {$count} 則 {$source} 告警宣告（{$reason}）。
text-alert-declared-automatically = :rotating_light: 依據 {$count} 則 {$source} 告警自動宣告（{$reason}）。
text-alert-firing-again = :bell: 告警 *{$name}* 再次觸發：{$summary}
text-alert-firing-also = :bell: 告警 *{$name}* 也在觸發：{$summary}
text-alert-resolved-service = （{$service}）
text-alert-resolved-after = :white_check_mark: 告警 *{$name}*{$where} 已於 {$took} 後解除。
text-alert-resolved = :white_check_mark: 告警 *{$name}*{$where} 已解除。
text-all-alerts-resolved = :information_source: { $count ->
        [one] *{$incident}* 背後的告警已解除
       *[other] *{$incident}* 背後的告警（共 {$count} 則）都已解除
    }。確認沒問題後，輸入 `/incident 解決` 即可結束事件。
text-triage-fallback = 告警待分類：{$title}
text-triage-reason = 未自動宣告（{$reason}）。按 *Declare incident* 會以 {$severity} 宣告。
text-triage-declared-room = 戰情室：<#{$channel}>
text-triage-declared = :white_check_mark: <@{$user}> 已依據此告警宣告 *{$incident}*。{$room}
text-triage-already-room = :information_source: 此告警已是事件 *{$incident}*：<#{$channel}>
text-triage-already = :information_source: 此告警已是事件 *{$incident}*
text-triage-busy = :hourglass_flowing_sand: 此告警正在宣告中，戰情室稍後就會建立。
text-triage-expired = :information_source: 這則待分類告警太舊，無法從這裡宣告（只保留 7 天）。請用 `/incident 宣告` 宣告。
text-triage-resolved = :white_check_mark: *{$name}* 已自行解除。
text-deploy-by = ，部署者 {$who}
text-deploy-where = （{$link}）
text-deploy-details = 詳情
text-deploy-noted = :package: 事件期間的部署：*{$service}* {$version}{$by}{$where}
text-private-alert-needs-a-person = {$reason}；資安事件會建立私人戰情室，而 ALERT_DECLARED_BY 未設定時沒有人會在裡面：請在這裡宣告，成為第一位成員
text-alert-cap-reached = {$reason}；未宣告：此規則已有 {$cap} 個由告警開啟的進行中事件，已達上限。如果這是另一個事件，請從這裡宣告。
text-more-alerts = 另有 {$count} 則告警
text-alerts-not-listed = :information_source: 此群組{$more}未列出（數量太多）。
