# 宣告時 Slack 拒絕其中一部分（bot/ui/text.py：slack_refusal、declare_*），以及流程中戰情室頻道已不在（channel_gone_error）。

text2-create-restricted-action = 此工作區只允許部分成員建立頻道，而本應用程式不在其中（工作區管理員可在「工作區設定 → 權限 → 頻道管理」中變更）
text2-create-user-is-restricted = 本應用程式的帳號受限，無法建立頻道
text2-create-no-permission = 本應用程式沒有建立頻道的權限（請用 manifest.yml 重新安裝，使其具備 `channels:manage` 與 `groups:write`）
text2-create-missing-scope = 本應用程式安裝時缺少 `channels:manage`/`groups:write`（請用 manifest.yml 重新安裝）
text2-create-invalid-name = 我試過的每個頻道名稱都被 Slack 拒絕
text2-create-invalid-name-specials = Slack 拒絕了頻道名稱中的字元
text2-create-invalid-name-punctuation = Slack 拒絕了頻道名稱中的標點符號
text2-create-invalid-name-maxlength = 頻道名稱超過 Slack 的長度上限
text2-create-invalid-name-required = Slack 沒有收到頻道名稱
text2-create-name-taken = 我試過的每個頻道名稱都已被使用
text2-create-team-not-found = Slack 找不到這個工作區
text2-create-is-bot = Slack 不允許本應用程式建立頻道

text2-invite-user-is-restricted = 該帳號是訪客，只有管理員能把訪客加入頻道
text2-invite-user-is-ultra-restricted = 該帳號是單頻道訪客，只能待在管理員指定的那一個頻道
text2-invite-ura-max-channels = 該帳號是單頻道訪客，已經在它唯一的頻道裡
text2-invite-no-permission = 本應用程式不被允許在這裡邀請成員（工作區設定）
text2-invite-restricted-action = 此工作區的設定不讓本應用程式邀請成員
text2-invite-not-allowed-by-team-policy = 此工作區的政策不讓本應用程式邀請成員
text2-invite-org-user-not-in-team = 該帳號屬於本組織，但不在這個工作區
text2-invite-no-external-invite-permission = 該帳號來自其他組織，而本應用程式不能邀請外部成員
text2-invite-user-team-not-in-channel = 該帳號所屬的工作區不在這個頻道中
text2-invite-cant-invite = Slack 不允許邀請該帳號
text2-invite-cant-invite-app-user = 該帳號是應用程式，無法被邀請
text2-invite-user-not-found = Slack 找不到該帳號
text2-invite-user-is-bot = 該帳號是機器人
text2-invite-too-many-users = 頻道人數已滿
text2-invite-failed-for-some-users = Slack 拒絕了這次邀請

text2-step-channel = 已建立頻道
text2-step-topic = 已設定主題
text2-step-purpose = 已設定用途
text2-step-invite = 已邀請你
text2-step-card = 已張貼事件卡片
text2-step-pin = 已釘選卡片
text2-step-failed-topic = 無法設定頻道主題
text2-step-failed-purpose = 無法設定頻道用途
text2-step-failed-invite = 我無法邀請你
text2-step-failed-card = 無法張貼事件卡片
text2-step-failed-pin = 無法釘選卡片
text2-step-failed-announce = 無法通知廣播頻道
text2-step-failed-because = {$step}（{$reason}）
text2-list-comma = 、
text2-list-semicolon = ；

text2-refusal-channel-gone = 頻道已不存在，或我已不在頻道中
text2-refusal-slack-answered = Slack 回應 `{$error}`
text2-declare-not-started = :x: 我無法為 *{$incident}* 開啟戰情室：{$reason}。沒有建立任何頻道，也沒有發出任何通知；問題排除後請再宣告一次。
text2-declare-incomplete = :warning: *{$incident}* 已有戰情室 <#{$channel}>（{$made}），但{$failed}。我會在幾分鐘內自行在同一個頻道完成設定，不需要再宣告一次。
text2-caveat-line = {$step}：{$reason}。
text2-caveat-join = 請從頻道列表開啟 <#{$channel}> 加入，或請頻道裡的人把你加進去。
text2-caveat-joiner = {""}
text2-declare-paced = :hourglass_flowing_sand: Slack 正在限制頻道建立的速度；你的戰情室約 {$seconds} 秒後就緒。
text2-channel-gone-error = :warning: Slack 拒絕了 `{$method}`（{$error}）：此頻道已封存、已刪除，或我已不在其中。我記錄的內容都保留著；請取消封存頻道或執行 `/invite @incident-commander`，我就會再次在那裡發文。
