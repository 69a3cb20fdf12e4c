# 證據掃描自己寫的文字（agents/evidence/collect.py、agents/evidence/anomaly.py）：
# 根本原因路徑、信心理由、掃描備註、未掃描說明與 SLO 說明。
# PromQL、指標名稱與服務名稱維持原樣。

## 根本原因路徑與信心
agents4-evidence-down-to = 降至基準的 {$share}
agents4-evidence-nothing-moved = 沒有任何服務的指標超出其基準雜訊範圍
agents4-evidence-no-graph = 沒有呼叫圖
agents4-evidence-graph = 呼叫圖：{$source}
agents4-evidence-graph-configured-map = 設定的相依對應表
agents4-evidence-graph-inferred = 由指標推斷
agents4-evidence-graph-service-graph = service-graph 指標
agents4-evidence-graph-istio = Istio 請求指標
agents4-evidence-graph-linkerd = Linkerd 請求指標
agents4-evidence-only-one-moved = 只有 {$service} 超出其基準雜訊範圍；{$graph}
agents4-evidence-lead = {$service} 的分數是次高候選的 {$lead} 倍；{$graph}
agents4-evidence-close = 前幾名候選的分數差距在 {$lead} 倍以內；{$graph}

## 掃描備註
agents4-evidence-too-little-data = {$service}：資料太少，無法判斷（{$count} 個序列的基準資料點少於 {$points} 個，或在事件時段內沒有資料）
agents4-evidence-rough = 以 {$step} 秒的間隔，事件時段內最多只有 {$points} 個資料點：數字僅供粗略參考
agents4-evidence-left-out = {$total} 個服務中有 {$dropped} 個未掃描（EVIDENCE_MAX_SERVICES={$most}）：{$names}
agents4-evidence-describe = {$source} 的 {$metric} 從 {$baseline}（基準中位數）{ $direction ->
        [up] 上升
       *[down] 下降
    }至 {$value}，{ $moment ->
        [starting] 開始於
       *[peaking] 高峰在
    } {$since}Z（穩健 z 值 {$z}）

## SLO
agents4-evidence-no-slo = 這些服務沒有設定 SLO
agents4-evidence-not-reported = 未回報
agents4-evidence-objective = {$days} 天內 {$share}% 的請求成功
agents4-evidence-slo-no-data = {$service}：事件時段內沒有錯誤率資料（{$objective}）
agents4-evidence-budget-no-data = 未回報（沒有錯誤率資料）
agents4-evidence-span-min = {$n} 分鐘
agents4-evidence-span-s = {$n} 秒
agents4-evidence-slo-detail = {$service}：最近 {$span} 錯誤率 {$ratio}%，消耗速率 {$burn} 倍（{$objective}）
agents4-evidence-budget = 此事件至今已消耗 {$days} 天錯誤預算的 {$share}%（{$service}）
agents4-evidence-field = 證據：{$field}
