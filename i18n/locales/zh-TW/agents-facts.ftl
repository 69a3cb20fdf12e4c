# 離線引擎已知與缺少的資訊，各步驟共用（agents/offline/facts.py）。

agents-facts-unknown-time = 時間不明
agents-facts-services-calling = 呼叫 {$dependencies} 的服務
agents-facts-affected-service = 受影響的服務
agents-facts-declared-change = 宣告中提到：「{$clause}」
agents-facts-missing-metrics = 尚未設定指標來源：目前沒有異常掃描結果（evidence.anomalies 為空）
agents-facts-missing-alerts = 此事件沒有附上任何告警
agents-facts-missing-service = 宣告、告警與證據中都沒有指出受影響的服務
agents-facts-missing-changes = 目前沒有部署或變更紀錄
