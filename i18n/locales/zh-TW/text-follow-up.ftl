# 決策、備註、事後檢討與行動項目（bot/ui/text.py）。

text-decision-recorded = :memo: <@{$actor}> 記錄了一項決策：*{$what}*
text-decision-why = _理由：_ {$why}
text-note-recorded = :spiral_note_pad: <@{$actor}> 的備註已加入時間軸：{$note}
text-capture-failed = :information_source: 我無法讀取那則訊息（{$error}），所以沒有加入時間軸。
text-postmortem-also-published = 另已發布至：{$where}。
text-postmortem-written = :books: *{$incident}* 的事後檢討已完成：摘要在戰情室，完整文件在其討論串中。{$where}
text-postmortem-updated = :books: *{$incident}* 的事後檢討已更新：摘要在戰情室，完整文件在其討論串中。{$where}
text-actions-confirmed = :white_check_mark: 已確認 {$count} 個行動項目，每項都有負責人和到期日。負責人會收到提醒。
text-no-such-action = :information_source: {$incident} 沒有第 {$number} 號行動項目。
text-action-done = :white_check_mark: <@{$actor}> 已完成行動項目 {$incident} #{$number}。
text-action-reminder-today = 行動項目 {$incident} #{$number} 今天到期：{$description}
text-action-reminder-tomorrow = 行動項目 {$incident} #{$number} 明天到期：{$description}
text-postmortem-reminder-in = :alarm_clock: *{$incident}* 已解決 36 小時，但還沒有事後檢討；目標是 48 小時內完成。請在 <#{$channel}> 輸入 `/incident 事後檢討`。
text-postmortem-reminder = :alarm_clock: *{$incident}* 已解決 36 小時，但還沒有事後檢討；目標是 48 小時內完成。請輸入 `/incident 事後檢討`。
text-no-open-actions = :sunny: 沒有未完成的行動項目。
text-action-form-owner = 每個行動項目都需要負責人。
text-action-form-due = 每個行動項目都需要到期日。
text-action-form-past = 到期日已經過去了。
text-postmortem-upload-failed = :warning: 無法在 Slack 附上事後檢討檔案（{$error}）。
text-export-withheld = 未發布至 {$exporter}：{$incident} 是私人事件
text-reminder-undelivered = :warning: 無法將行動項目 {$incident} #{$number} 的提醒送給 <@{$owner}>（已嘗試 {$attempts} 次；Slack 回覆 `{$error}`）。我會繼續嘗試，也請轉告對方。
text-postmortem-reminder-undelivered = :alarm_clock: <@{$commander}>：*{$incident}* 已解決 36 小時，但還沒有事後檢討；目標是 48 小時內完成。請在這裡輸入 `/incident 事後檢討`。（我無法以私訊送出這則提醒：`{$error}`。）
