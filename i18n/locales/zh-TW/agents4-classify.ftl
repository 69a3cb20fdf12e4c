# 離線分類器判定嚴重度、事件類型與服務的依據（agents/classify.py），
# 以及事實來源標籤（agents/offline/facts.py）。

## 嚴重度與類型
agents4-classify-declared-on-incident = 宣告事件時指定
agents4-classify-declared-as = 宣告事件時指定為 {$value}
agents4-classify-written = 寫在宣告內容中（{$text}）
agents4-classify-closest-runbook = 最接近的 runbook
agents4-classify-default-type = 預設值，待有人確認
agents4-classify-no-type-signal = 沒有類型線索 → {$type}（{$how}）
agents4-classify-no-severity-signal = 沒有嚴重度線索 → 嚴重度三（SEV3）：事件指揮官確認前採標準應變
agents4-classify-alert-floor = 告警 {$alert} 的 severity={$label} → 至少 {$floor}
agents4-classify-type-declared = 宣告的類型為 {$declared}（規則判定：{$rules}）
agents4-classify-agrees = 分類結果一致
agents4-classify-triage-says = 僅依分類判斷為 {$severity}
agents4-classify-signal-separator = ；
agents4-classify-reason-declared = {$severity}：{$where}；沿用宣告值（{$agree}）。類型：{$type}。線索：{$signals}。
agents4-classify-reason = {$severity}，類型：{$type}。線索：{$signals}。

## 服務出現的位置
agents4-classify-alert-label = 告警 {$alert} 的標籤 {$label}
agents4-classify-named = 宣告內容中提到
agents4-classify-host-named = 宣告內容中提到的主機
agents4-classify-named-as = 宣告內容中提到（{$word}）
agents4-classify-vendor-named = 宣告內容中提到的供應商或平台
agents4-classify-infra-named = 宣告內容中提到的基礎設施

## 事實來源標籤
agents4-facts-anomaly-scan = 證據：指標異常掃描
agents4-facts-anomaly-scan-from = 證據：指標異常掃描（{$source}）
agents4-facts-alert = 告警：{$source}/{$alert}
