# 有證據才說：取代缺乏證據之說法的一行文字（agents/evidence_guard.py）。

agents-guard-missing-bottleneck = 尚未確認瓶頸：目前沒有任何指標資料；請連接 Prometheus（PROMETHEUS_URL）後再執行一次效能分析步驟。
agents-guard-missing-status-page = 狀態頁的狀態不明：尚未連接狀態頁，時間軸上也沒有紀錄；請從溝通步驟的草稿發布。
agents-guard-missing-root-cause = 尚未確立：沒有指標、告警或已記錄的變更可用來驗證原因；請連接指標來源、附上觸發中的告警，或記錄該次變更（部署 webhook）。
agents-guard-missing-impact-figure = 尚未量測：目前沒有任何指標或回報能提供這個數字；請附上錯誤率（可觀測性掃描建議的查詢）或客服工單數。
