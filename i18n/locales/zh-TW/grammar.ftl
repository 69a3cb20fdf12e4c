# `/incident` 無法解讀時的回覆（bot/commands/grammar.py）。每則回覆最後接 usage-hint。

usage-hint = :information_source: {$message}
    輸入 `/incident 說明` 查看所有指令。
grammar-bad-subcommand = 我不認得 `{$word}`。可用的指令：{$valid}（中文亦可，如 宣告、狀態、更新）。
grammar-title-missing = 缺少標題。範例：`/incident 宣告 嚴重度一 結帳 API 回傳 500`（或只輸入 `/incident 宣告` 開啟表單）。
grammar-title-too-long = 標題有 {$length} 個字元，請少於 {$limit} 個，細節請寫在描述中（`/incident 宣告` 會開啟表單）。
grammar-reason-too-long = 原因有 {$length} 個字元，請少於 {$limit} 個。
grammar-declare-not-a-severity = `{$word}` 不是有效的嚴重度：請用 嚴重度一～嚴重度四、sev1～sev4 或 p0～p3。範例：`/incident 宣告 嚴重度二 結帳延遲升高`
grammar-not-a-severity = `{$word}` 不是有效的嚴重度：請用 嚴重度一～嚴重度四、sev1～sev4 或 p0～p3
grammar-severity-missing = 要改成哪個嚴重度？範例：`/incident 嚴重度 嚴重度二 影響僅限歐洲區`
grammar-not-a-status = `{$word}` 不是有效的狀態。請使用：調查中（investigating）、已確認（identified）、監控中（monitoring）、已解決（resolved）。
grammar-role-missing = 要指派哪個角色、給誰？範例：`/incident 角色 技術負責人 @alice`（角色：事件指揮官、技術負責人、溝通負責人、主題專家）
grammar-not-a-role = `{$word}` 不是有效的角色。範例：`/incident 角色 技術負責人 @alice`（角色：事件指揮官、技術負責人、溝通負責人、主題專家）
grammar-mention-one = 請用 @ 標記恰好一個人。範例：`/incident 角色 技術負責人 @alice`（角色：事件指揮官、技術負責人、溝通負責人、主題專家）
grammar-step-missing = 要執行哪個步驟？`/incident 執行 全部`、`/incident 執行 階段 1`～`5`，或下列其一：{$valid}。
grammar-phase-range = 階段為 1 到 {$last}。範例：`/incident 執行 階段 2`
grammar-not-a-step = `{$word}` 不是有效的步驟。步驟：{$valid}（或 `全部`、`階段 <n>`）。
grammar-update-missing = 要更新什麼？範例：`/incident 更新 已回滾 4312，錯誤率下降中`（事件卡片上的 *Post update* 按鈕有完整表單）。
grammar-update-too-long = 更新內容有 {$length} 個字元，請少於 {$limit} 個。
grammar-decision-missing = 決定了什麼、為什麼？範例：`/incident 決策 回滾 4312 因為錯誤從這次部署開始`
grammar-note-missing = 備註要寫什麼？範例：`/incident 備註 歐洲流量已切換到 us-east`
grammar-not-a-page-target = `{$word}` 不是服務或團隊名稱。範例：`/incident 呼叫 checkout 付款失敗`
grammar-stats-usage = 用法：`/incident 統計 [30d|90d] [服務]`，例如 `/incident 統計 90d checkout`。
