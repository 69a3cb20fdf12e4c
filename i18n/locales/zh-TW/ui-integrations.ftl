# 狀態頁草稿、呼叫值班人員與確認回覆（bot/ui/integration_blocks.py）。

ui-page-oncall = 呼叫值班人員
ui-page-confirm-title = 要呼叫值班人員嗎？
ui-page-confirm-text = 將立即為 {$id} 呼叫值班人員。
ui-page-confirm = 呼叫
ui-page-deny = 先不要
ui-page-acknowledged = :white_check_mark: *{$who}* 已在 {$system} 確認呼叫。
ui-page-make-tech-lead = 指派 {$who} 為技術負責人
ui-page-add-sme = 新增 {$who} 為主題專家
ui-page-choose-tech-lead = 選擇技術負責人…
ui-statuspage-draft = 狀態頁草稿
ui-statuspage-status-investigating = 調查中
ui-statuspage-status-identified = 已確認
ui-statuspage-status-monitoring = 監控中
ui-statuspage-status-resolved = 已解決
ui-statuspage-updates = 更新{$incident}
ui-statuspage-the-public-incident = 公開的事件
ui-statuspage-creates = 建立公開事件
ui-statuspage-publishing = 發布後將{$where}。只有溝通負責人或事件指揮官可以發布。
ui-statuspage-publish-button = 發布到狀態頁
ui-statuspage-edit = 編輯
ui-statuspage-modal-title = 狀態頁
ui-statuspage-publish = 發布
ui-statuspage-public-title = 公開標題
ui-statuspage-message = 內容
ui-link-bridge = 會議橋接
ui-link-status-page = 狀態頁
