# 誰可以做什麼，以及使用限制（bot/ui/text.py；規則在 bot/incident/access.py）。

text-only-the-commander = :no_entry: 只有事件指揮官（<@{$commander}>）或管理員可以{$what} {$incident}。請詢問 <@{$commander}>，或請對方交接事件指揮權。
text-not-allowed-declare = :no_entry: 只有{$who}可以宣告 {$incident}。
text-not-allowed-see = :no_entry: 只有{$who}可以查看 {$incident}。
text-not-allowed-status = :no_entry: 只有{$who}可以變更 {$incident} 的狀態。
text-not-allowed-severity = :no_entry: 只有{$who}可以變更 {$incident} 的嚴重度。
text-not-allowed-resolve = :no_entry: 只有{$who}可以解決 {$incident}。
text-not-allowed-reopen = :no_entry: 只有{$who}可以重新開啟 {$incident}。
text-not-allowed-hand-over-ic = :no_entry: 只有{$who}可以交接 {$incident} 的事件指揮權。
text-not-allowed-take-ic = :no_entry: 只有{$who}可以接手 {$incident} 的指揮。
text-not-allowed-assign-roles = :no_entry: 只有{$who}可以指派 {$incident} 的角色。
text-not-allowed-update = :no_entry: 只有{$who}可以發布 {$incident} 的狀態更新。
text-not-allowed-note = :no_entry: 只有{$who}可以為 {$incident} 新增備註。
text-not-allowed-decision = :no_entry: 只有{$who}可以記錄 {$incident} 的決策。
text-not-allowed-run-steps = :no_entry: 只有{$who}可以為 {$incident} 執行 AI 代理步驟。
text-not-allowed-postmortem = :no_entry: 只有{$who}可以撰寫或匯出 {$incident} 的事後檢討。
text-not-allowed-actions-edit = :no_entry: 只有{$who}可以確認或編輯 {$incident} 的行動項目。
text-not-allowed-action-done = :no_entry: 只有{$who}可以將 {$incident} 的行動項目標為完成。
text-not-allowed-other = :no_entry: 只有{$who}可以對 {$incident} 執行「{$action}」。
text-private-incident = :lock: {$incident} 是私人事件：只有戰情室成員和管理員可以查看或變更。請洽該事件的事件指揮官邀請你加入。
text-bot-cannot-command = :no_entry: 事件指揮權要交給人，不能交給我。請選擇將負責指揮這個事件的人。
text-private-incident-line = :lock: *{$incident}* {$severity} · 私人事件
text-hidden-private-actions = :lock: 有 {$count} 個私人事件的行動項目未顯示。
text-declare-rate-limited = :no_entry: 你在過去一分鐘內已宣告 {$limit} 個事件，已達每人上限。沒有宣告新事件；請一分鐘後再試，或使用進行中的事件（`/incident 列表`）。
# 誰可以（bot/incident/access.py 的 who_may），以 text-list-separator 與 text-who-or 連接。
text-who-commander-named = 事件指揮官（<@{$commander}>）
text-who-commander = 事件指揮官
text-who-members-private = 戰情室成員
text-who-anyone = 任何人
text-who-role-holder = 角色負責人
text-who-member = 戰情室成員
text-who-owner = 該項目的負責人
text-who-admin = 管理員（INCIDENT_ADMINS）
text-who-or = 或
