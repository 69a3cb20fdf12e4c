# 離線第一階段：偵測與分類、可觀測性掃描、初步緩解（agents/offline/detect.py），
# 以及一筆已記錄變更的寫法（agents/changes.py）。

## triage
agents2-detect-scope-sev1 = 影響全體使用者
agents2-detect-scope-sev2 = 影響相當比例的使用者
agents2-detect-scope-sev3 = 影響有限的使用者或請求
agents2-detect-scope-sev4 = 無功能影響
agents2-detect-risk-revenue = 購買或付款失敗期間直接損失營收
agents2-detect-risk-sla = 違反 SLA 並消耗錯誤預算；若持續過久將導致客戶流失
agents2-detect-risk-minor = 輕微：影響使用者觀感；依正常排程修正
agents2-detect-risk-separator = ；
agents2-detect-sentence-end = 。
agents2-detect-risk-limited = 有限：未提到營收路徑或資料風險；請與服務負責人確認。
agents2-detect-an-external-provider = 外部供應商
agents2-detect-anomaly-evidence = 指標異常：{$metric} { $direction ->
        [up] 上升
        [down] 下降
       *[other] {$direction}
    }{$score}
agents2-detect-anomaly-evidence-score = ，分數 {$score}
agents2-detect-cosmetic-impact = 外觀問題：{$svc} 的內容有誤或顯示異常
agents2-detect-impact-scope = （依嚴重度判斷：{$scope}）。
agents2-detect-impact-not-measured = 影響範圍尚未量測：目前沒有指標或真實使用者監測資料。
agents2-detect-assign-now = 請立即指派
agents2-detect-not-required = {$severity} 不需要此角色
agents2-detect-sme-suggested = 建議人選：{$hint}
agents2-detect-slo-burn = {$severity} 等級的{$type}通常會快速消耗錯誤預算。
agents2-detect-slo-missing = 目前沒有 SLO 資料：請檢查 {$svc} 的可用性與延遲 SLO。{$burn}
agents2-detect-error-budget-unknown = 未知：尚未連接 SLO 或錯誤預算來源。
agents2-detect-action-assign-roles = 指派尚未有人擔任的指揮角色：{$roles}
agents2-detect-action-prepare = 預先準備：{$action}（{$path}）
agents2-detect-action-look = 檢查 {$svc} 過去一小時的錯誤、延遲與資源飽和度
agents2-detect-action-check-change = 檢查最近的變更：{$change}
agents2-detect-missing-slo = 沒有 SLO 或錯誤預算資料
agents2-detect-missing-runbook = 沒有符合此事件的 runbook

## observe
agents2-detect-alert-finding = 告警 {$name} {$since}{ $status ->
        [firing] 觸發中
        [resolved] 已解除
       *[other] 狀態為 {$status}
    }{$summary}
agents2-detect-alert-since = 自 {$time} 起
agents2-detect-alert-summary = ：{$summary}
agents2-detect-root-cause-finding = 根本原因追查指向 {$service}：{$path}（信心：{ $confidence ->
        [high] 高
        [medium] 中
        [low] 低
       *[other] {$confidence}
    }；{$reason}）
agents2-detect-root-cause-source = 證據：沿呼叫圖追查根本原因（{$graph}）
agents2-detect-scan-coverage = 證據：掃描涵蓋範圍
agents2-detect-anomaly-finding = {$service} 的 {$metric} { $direction ->
        [up] 上升
        [down] 下降
       *[other] 變化（{$direction}）
    }{$score}{$start}
agents2-detect-anomaly-finding-score = （分數 {$score}）
agents2-detect-anomaly-finding-start = ，變化始於 {$start}
agents2-detect-anomaly-scan = 證據：指標異常掃描
agents2-detect-recent-change = 最近的變更：{$change}
agents2-detect-change-history = 變更紀錄
agents2-detect-timeline-source = 時間軸（{$actor}）
agents2-detect-team = 團隊
agents2-detect-health-anomalous = {$metric} 異常（{ $direction ->
        [up] 上升
        [down] 下降
       *[other] {$direction}
    }）
agents2-detect-health-firing = 觸發中：{$alerts}
agents2-detect-health-declared-down = 宣告為中斷；指標尚未證實
agents2-detect-health-no-metrics = 目前沒有此服務的指標
agents2-detect-traces-provided = 已提供追蹤證據：{$traces}
agents2-detect-traces-missing = 目前沒有追蹤資料（未連接追蹤後端）。請搜尋 {$svc} 在事件期間帶有錯誤的追蹤，並將每個下游 span 的耗時與前一小時比較，找出錯誤或延遲從哪裡開始。
agents2-detect-traces-missing-first = 目前沒有追蹤資料（未連接追蹤後端）。指標最先指向 {$first}。請搜尋 {$svc} 在事件期間帶有錯誤的追蹤，並將每個下游 span 的耗時與前一小時比較，找出錯誤或延遲從哪裡開始。
agents2-detect-declared-symptoms = 宣告中提到的症狀：{$terms}
agents2-detect-degradation-anomaly = {$service}：{$metric} { $direction ->
        [up] 上升
        [down] 下降
       *[other] {$direction}
    }
agents2-detect-degradation-dependency = 相依服務 {$name}
agents2-detect-purpose-error-ratio = {$name} 的錯誤率
agents2-detect-purpose-p99 = {$name} 的 p99 延遲
agents2-detect-purpose-error-logs = {$name} 的錯誤日誌
agents2-detect-purpose-runbook = runbook 檢查
agents2-detect-purpose-runbook-path = runbook 檢查（{$path}）
agents2-detect-missing-metrics = 尚未設定指標來源：evidence.anomalies 中沒有異常掃描結果
agents2-detect-missing-call-graph = 沒有呼叫圖：排序依據是各服務自身的變化，而非呼叫路徑
agents2-detect-missing-traces = 目前沒有分散式追蹤資料（OpenTelemetry/Jaeger）
agents2-detect-missing-logs = 目前沒有日誌搜尋結果（ELK、Splunk 或 Loki）
agents2-detect-missing-rum = 沒有真實使用者監測資料
agents2-detect-missing-triage = 尚未執行分類：嚴重度與服務是在此步驟推斷的

## mitigate
agents2-detect-the-provider = 供應商
agents2-detect-cosmetic-action = 若可能誤導使用者（例如價格或條款錯誤），直接修正 {$svc} 的文字或樣式（CMS 或範本）；否則排入正常修正排程
agents2-detect-risk-low = 低
agents2-detect-cosmetic-effect = 使用者看到正確的內容
agents2-detect-cosmetic-source = 外觀問題（SEV4）
agents2-detect-generic-source = 通用處理手冊（沒有符合的 runbook）
agents2-detect-reason-rollback = 已記錄一筆變更（{$change}），且症狀為錯誤或變慢：先回滾，待使用者安全後再除錯。
agents2-detect-reason-cosmetic = 嚴重度四（SEV4）外觀問題：直接修正內容比回滾更省事也更安全。
agents2-detect-reason-not-release = {$type}並非我們最近一次發布所造成；回滾無法消除原因。
agents2-detect-reason-not-release-changed = 就目前資料來看，{$type}並非我們最近一次發布所造成；回滾無法消除原因。
agents2-detect-reason-undecided = 目前沒有任何部署或變更紀錄：請先確認 {$svc} 最近的變更（部署紀錄、設定、功能旗標）再做決定。
agents2-detect-temporary = {$action}（修正上線前的暫時措施）
agents2-detect-verify-baseline = {$service} 的 {$metric} 回到基準值（先前{ $direction ->
        [up] 上升
        [down] 下降
       *[other] 變化（{$direction}）
    }）
agents2-detect-verify-no-metrics = 尚未設定指標來源：驗證需要儀表板或查詢（請參考可觀測性掃描建議的查詢）
agents2-detect-effect-rollback = 從 {$svc} 移除最近的變更；由此造成的錯誤隨之停止
agents2-detect-effect-feature-flag = 為使用者關閉出錯的程式路徑
agents2-detect-effect-throttle = 降低負載，讓關鍵流量得以成功
agents2-detect-effect-reroute = 將流量移離出錯的執行個體或版本
agents2-detect-effect-circuit-breaker = 呼叫端快速失敗，不再占住執行緒與連線
agents2-detect-effect-scale = 在服務飽和處增加容量
agents2-detect-effect-failover = 主要環境修復期間改由健康的基礎設施提供服務
agents2-detect-effect-credential-rotation = 外洩的憑證失效；攻擊者失去存取權
agents2-detect-effect-cleanup = 釋放耗盡的資源，讓服務恢復正常運作
agents2-detect-effect-other = 調查原因期間降低對使用者的影響

## 一筆已記錄的變更（agents/changes.py）
agents2-detect-change-deploy = 部署{$service}{$version}（{$source}{$when}）
agents2-detect-change-version = {" "}{$version}
agents2-detect-change-service = {" "}{$service}
agents2-detect-change-when = ，{$time}
agents2-detect-change-webhook = 部署 webhook
agents2-detect-change-alert-labels = 告警標籤
agents2-detect-change-named-by-role = 由{$role}指出
agents2-detect-change-named-by-person = 由 {$person} 指出
agents2-detect-change-named-on-timeline = 時間軸上提及
agents2-detect-role-incident-commander = 事件指揮官
agents2-detect-role-tech-lead = 技術負責人
agents2-detect-role-comms-lead = 溝通負責人
agents2-detect-role-sme = 主題專家
