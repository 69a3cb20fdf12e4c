# `/incident 說明` 的回覆（bot/ui/help.py）。{$aliases} 為中英指令對照，由 bot/commands/aliases.py 產生。

help-text = *`/incident` 指令*（中文或英文皆可）
    • `/incident 宣告 嚴重度一 <標題>`（`declare sev1`）：宣告事件（嚴重度一～四、`sev1`～`sev4` 或 `p0`～`p3`）；只輸入 `/incident 宣告` 會開啟表單
    • `/incident 狀態`（`status`）：查看事件（在戰情室中）；`/incident 狀態 已確認|監控中 [原因]`：推進狀態
    • `/incident 嚴重度 嚴重度二 [原因]`（`severity sev2`）：變更嚴重度
    • `/incident 角色 事件指揮官|技術負責人|溝通負責人|主題專家 @某人`（`role ic|tech|comms|sme`）：指派或交接角色（事件卡片上也有按鈕）
    • `/incident 更新 <發生了什麼>`（`update`）：發布狀態更新（*Post update* 按鈕有完整表單）
    • `/incident 執行 全部|階段 <1-5>|<步驟>`（`run all|phase`）：執行 AI 代理步驟（triage、observe、mitigate、debug、security、performance、fix、deploy、comms、impact、postmortem、monitoring、hardening），每個結果會顯示在同一則訊息中
    • `/incident 解決 [摘要]`（`resolve`）：將事件標記為已解決
    • `/incident 決策 <決定> 因為 <理由>`（`decision … because …`）：記錄決策與理由；`/incident 備註 <內容>`（`note`）：新增備註
    • 在戰情室訊息加上 :pushpin: 表情（或釘選訊息），即可將它列入時間軸
    • `/incident 時間軸`（`timeline`）：目前為止的所有事件紀錄，含執行者與時間
    • `/incident 摘要`（`summary`）：用 8 行快速掌握現況（只有你看得到；按 *Share in channel* 可分享到頻道）
    • `/incident 事後檢討`（`postmortem`）：撰寫（或更新）無責備的事後檢討；`/incident 待辦`（`actions`）：未完成的行動項目
    • `/incident 呼叫 [服務|團隊] [訊息]`（`page`）：呼叫值班人員（已設定 PagerDuty/Opsgenie 時）；`/incident 狀態頁`（`statuspage`）：狀態頁目前公開的內容
    • `/incident 統計 [30d|90d] [服務]`（`stats`）：已解決事件的 MTTA、MTTR 與狀態更新頻率
    • `/incident 列表`（`list`）：進行中的事件
    • `/incident 說明`（`help`）：顯示本說明
    中英指令對照：{$aliases}
help-alias = {$alias}（{$command}）
help-alias-separator = 、
