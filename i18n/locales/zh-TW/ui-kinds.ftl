# 狀態、角色、嚴重度與事件類型的顯示名稱（bot/incident/kinds.py、severity.py）。

ui-status-investigating = 調查中
ui-status-identified = 已確認
ui-status-monitoring = 監控中
ui-status-resolved = 已解決
ui-role-incident-commander = 事件指揮官
ui-role-tech-lead = 技術負責人
ui-role-comms-lead = 溝通負責人
ui-role-sme = 主題專家
ui-role-duty-incident-commander = 負責決策與協調
ui-role-duty-tech-lead = 主導調查與修復
ui-role-duty-comms-lead = 負責向利害關係人更新狀態
ui-role-duty-sme = 提供受影響系統的專業知識
ui-severity-sev1 = 嚴重度一（SEV1）
ui-severity-sev2 = 嚴重度二（SEV2）
ui-severity-sev3 = 嚴重度三（SEV3）
ui-severity-sev4 = 嚴重度四（SEV4）
ui-severity-meaning-sev1 = 完全中斷、安全漏洞或資料遺失，立即全員回應
ui-severity-meaning-sev2 = 嚴重降級、使用者明顯受影響，需要快速回應
ui-severity-meaning-sev3 = 輕微降級、影響有限，標準回應
ui-severity-meaning-sev4 = 外觀問題、使用者不受影響，排定修復
ui-type-performance-degradation = 效能降級
ui-type-service-outage = 服務中斷
ui-type-security-incident = 安全事件
ui-type-data-integrity = 資料完整性問題
ui-type-infrastructure-failure = 基礎設施故障
ui-type-third-party-outage = 第三方服務中斷
