# 戰情室中的事後檢討摘要、行動項目表單、清單與提醒（bot/ui/postmortem_blocks.py）。

ui-pm-header = 事後檢討 · {$id} · {$title}
ui-pm-no-summary = _尚無摘要。_
ui-pm-root-cause = 根本原因
ui-pm-root-cause-unknown = 尚未確定
ui-pm-scorecard = *成功指標計分卡*（{$met}／{$judged} 項達成）
ui-pm-actions-confirmed = 已確認 {$count} 個行動項目（{$open} 個未完成）
ui-pm-actions-proposed = 建議 {$count} 個行動項目：請確認負責人與到期日
ui-pm-document-in-thread = 完整文件附在討論串中
ui-pm-review-actions = 檢視行動項目
ui-pm-action-type-prevent = 預防
ui-pm-action-type-detect = 偵測
ui-pm-action-type-mitigate = 緩解
ui-pm-action-type-process = 流程
ui-pm-form-intro = 每個行動項目都需要負責人與到期日。清空描述即可刪除該項目。
ui-pm-form-item = 行動項目 {$number}
ui-pm-form-owner = 負責人
ui-pm-form-deadline = 到期日
ui-pm-form-type = 類型
ui-pm-form-title = 行動項目
ui-pm-form-confirm = 確認
ui-pm-item-done-on = {$date} 已完成
ui-pm-item-due = {$date} 到期
ui-pm-done = 完成
ui-pm-no-action-items = 沒有行動項目。
ui-pm-reminder-today = :calendar: 行動項目 *{$item}* 今天到期（{$date}）：
ui-pm-reminder-tomorrow = :calendar: 行動項目 *{$item}* 明天到期（{$date}）：
