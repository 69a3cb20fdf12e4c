"""What the drill's people type and what the drill says, in each language it plays.

The drill's steps, and how it knows each one landed, are the same in every language
(drill/run.py waits on the store, the stand-ins and action ids, never on the bot's words);
only what people type into Slack and the drill's own narration differ. `--locale zh-TW` plays
the incident with Chinese commands and a Chinese title, as a Taiwanese team would.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Script:
    locale: str
    timezone: str
    slack_locale: str  # the people's Slack language (users.info include_locale)
    component: str  # the status page's component for checkout
    intro: str
    # what people type (commands without the leading /incident) and put in forms
    declare: str
    tech_lead_note: str
    comms: str  # {carol} = Carol's mention
    update_what: str
    update_impact: str
    update_next: str
    identified: str
    escalate: str
    run_triage: str
    run_comms: str
    update: str
    summary: str
    resolution: str
    run_all: str
    decision: str
    postmortem: str
    action_item: str
    timeline: str
    stats: str
    # narration, step by step
    say_declare: str
    say_war_room: str  # {name}
    say_bridge: str  # {link}
    say_triage: str
    say_tech_lead: str
    say_comms: str
    say_nudge: str
    say_update_from_nudge: str
    say_identified: str
    say_escalate: str
    say_keep: str
    say_page_ack: str
    say_escalation: str
    say_update: str
    say_publish: str
    say_summary: str
    say_monitoring: str
    say_resolve: str
    say_publish_resolution: str
    say_run_all: str
    say_run_all_posted: str  # {characters}
    say_details: str  # {title}
    say_decision: str
    say_postmortem: str
    say_action_item: str
    say_ticket_closed: str
    say_timeline: str
    say_follow: str
    say_follower_dm: str
    say_home: str
    say_home_open: str
    say_app_home_for: str  # {who} {blocks}
    say_chart: str  # {file} {path}
    # the printed and written transcript
    standin_line: str  # {slack}, {bot}
    war_room_heading: str  # {name}
    broadcast_heading: str
    timeline_heading: str
    vendors_heading: str
    vendor_statuspage: str  # {name} {status} {impact} {updates} {components}
    vendor_pagerduty: str  # {key} {status} {summary}
    vendor_jira: str  # {key} {summary} {due} {assignee} {status}
    postmortem_heading: str
    run_all_posted: str  # {characters}
    charts: str  # {paths}
    passed: str  # {transcript} {postmortem}
    failed: str  # {failure}


ENGLISH = Script(
    locale="en",
    timezone="UTC",
    slack_locale="en-US",
    component="Checkout",
    intro=(
        "Drill: SEV2 on the checkout API, played by alice (declares), bob (tech lead), carol (comms).\n"
        "Time is simulated; update cadences are shortened to SEV1 5m, SEV2 10m.\n"
    ),
    declare="declare sev2 Checkout API returning 500s",
    tech_lead_note="owns checkout-svc",
    comms="role comms {carol}",
    update_what="Checkout returns 500 for about 30% of payments; investigating.",
    update_impact="Card payments fail for ~30% of customers in every region.",
    update_next="Check the checkout-svc deploy that went out just before; prepare a rollback.",
    identified="status identified deploy 2026.11.25-3 of checkout-svc broke payment calls",
    escalate="severity sev1 error rate reached 40% in every region",
    run_triage="run triage",
    run_comms="run comms",
    update="update rolled back checkout-svc to 2026.11.25-2; error rate back to 0.2%",
    summary="summary",
    resolution="Rolled checkout-svc back to 2026.11.25-2; payment errors back to baseline (0.2%).",
    run_all="run all",
    decision="decision keep checkout deploys behind a canary until the gate exists because 4312 reached 100% at once",
    postmortem="postmortem",
    action_item="Canary gate for checkout-svc deploys",
    timeline="timeline",
    stats="stats 90d",
    say_declare="alice in #general: /incident declare sev2 Checkout API returning 500s",
    say_war_room="    war room #{name} is ready, card pinned",
    say_bridge="    bridge bookmarked: {link}",
    say_triage="alice: /incident run triage (triage puts the incident type on the card)",
    say_tech_lead="alice clicks [Tech Lead] on the card and picks bob in the modal",
    say_comms="alice: /incident role comms @carol",
    say_nudge="(no update for 10 minutes) the bot nudges carol",
    say_update_from_nudge="carol clicks [Post update] on the nudge and fills the form",
    say_identified="bob: /incident status identified deploy … broke payment calls",
    say_escalate=("alice: /incident severity sev1 …; the 5m cadence makes an update due at once; "
                  "SEV1 pages the on-call (PagerDuty stand-in)"),
    say_keep="alice: /incident run triage; it reads SEV2 and asks; alice clicks [Keep SEV1]",
    say_page_ack="dana acknowledges the page in PagerDuty (its webhook reaches the bot)",
    say_escalation="(still no update) the bot escalates to the IC",
    say_update="carol: /incident update rolled back …; error rate back to 0.2%",
    say_publish="carol: /incident run comms; clicks [Publish to status page] on its draft",
    say_summary="bob: /incident summary (only bob sees it), then [Share in channel]",
    say_monitoring="bob clicks [Monitoring] on the card",
    say_resolve="alice clicks [Resolve] and says what resolved it in the form",
    say_publish_resolution="the page resolves with the incident; carol publishes the resolve draft",
    say_run_all="alice: /incident run all (13 agent steps, offline engine, one message)",
    say_run_all_posted=("    run all posted {characters:,} characters in the war room "
                        "(one message, edited as steps finished; whole answers behind [Details])"),
    say_details="    [Details] opened \"{title}\" for alice only",
    say_decision="alice: /incident decision keep deploys behind a canary … because …",
    say_postmortem="alice: /incident postmortem (document attached, exported, scorecard)",
    say_action_item="alice confirms an action item for carol; it becomes a Jira ticket",
    say_ticket_closed="carol closes the ticket in Jira; Jira's signed webhook closes the item",
    say_timeline="carol: /incident timeline",
    say_follow="dave clicks [Follow] on the announcement in #general",
    say_follower_dm="    dave (following) gets a DM: severity SEV2 → SEV1",
    say_home="dave opens the App Home; then /incident stats 90d",
    say_home_open="bob opens the App Home while INC-1 is open",
    say_app_home_for="    App Home published for {who}: {blocks} blocks (limit 100)",
    say_chart="    chart shown in the App Home (Slack file {file}): {path}",
    standin_line=("Slack stand-in at {slack}, bot at {bot}, embedded store "
                  "(REDIS_URL not set: nothing survives this process)"),
    war_room_heading="===== #{name} (the war room) =====",
    broadcast_heading="===== #general (broadcast channel) =====",
    timeline_heading="===== /incident timeline =====",
    vendors_heading="===== at the vendors (stand-ins) =====",
    vendor_statuspage="Statuspage: {name!r} {status} (impact {impact}), {updates} updates; components {components}",
    vendor_pagerduty="PagerDuty: {key} {status} ({summary})",
    vendor_jira="Jira: {key} {summary!r} due {due}, assignee {assignee}, {status}",
    postmortem_heading="===== postmortem scorecard =====",
    run_all_posted="run all posted {characters:,} characters in the war room",
    charts="charts (App Home): {paths}",
    passed="Drill passed. Transcript: {transcript}; postmortem: {postmortem}",
    failed="DRILL FAILED: {failure}",
)

CHINESE = Script(
    locale="zh-TW",
    timezone="Asia/Taipei",
    slack_locale="zh-TW",
    component="結帳",
    intro=(
        "演練：結帳 API 的嚴重度二（SEV2）事件。alice 宣告事件，bob 擔任技術負責人，carol 擔任溝通負責人。\n"
        "時間為模擬時間；狀態更新的間隔縮短為嚴重度一 5 分鐘、嚴重度二 10 分鐘。\n"
    ),
    declare="宣告 嚴重度二 結帳 API 回傳 500",
    tech_lead_note="負責 checkout-svc",
    comms="角色 溝通負責人 {carol}",
    update_what="約 30% 的結帳付款回傳 500，調查中。",
    update_impact="各區域約 30% 的顧客刷卡付款失敗。",
    update_next="檢查事發前剛上線的 checkout-svc 部署，並準備回滾。",
    identified="狀態 已確認 checkout-svc 的部署 2026.11.25-3 讓付款呼叫失敗，因為錯誤從這次部署後開始",
    escalate="嚴重度 嚴重度一 各區域的錯誤率都達到 40%",
    run_triage="執行 triage",
    run_comms="執行 comms",
    update="更新 已將 checkout-svc 回滾到 2026.11.25-2；錯誤率回到 0.2%",
    summary="摘要",
    resolution="已將 checkout-svc 回滾到 2026.11.25-2；付款錯誤率回到基準（0.2%）。",
    run_all="執行 全部",
    decision="決策 在閘道完成前，checkout 的部署一律先走金絲雀發布 因為 4312 一次就推到 100%",
    postmortem="事後檢討",
    action_item="為 checkout-svc 的部署加上金絲雀閘道",
    timeline="時間軸",
    stats="統計 90d",
    say_declare="alice 在 #general：/incident 宣告 嚴重度二 結帳 API 回傳 500",
    say_war_room="    戰情室 #{name} 已開好，事件卡片已釘選",
    say_bridge="    已加入會議橋接書籤：{link}",
    say_triage="alice：/incident 執行 triage（分類步驟把事件類型寫上卡片）",
    say_tech_lead="alice 點卡片上的［技術負責人］，在表單中選 bob",
    say_comms="alice：/incident 角色 溝通負責人 @carol",
    say_nudge="（10 分鐘沒有狀態更新）機器人提醒 carol",
    say_update_from_nudge="carol 點提醒上的按鈕，填寫狀態更新表單",
    say_identified="bob：/incident 狀態 已確認 …讓付款呼叫失敗，因為…",
    say_escalate="alice：/incident 嚴重度 嚴重度一 …；5 分鐘的間隔讓狀態更新立即到期；嚴重度一會呼叫值班人員（PagerDuty 模擬服務）",
    say_keep="alice：/incident 執行 triage；分類判讀為嚴重度二並詢問；alice 選擇維持嚴重度一",
    say_page_ack="dana 在 PagerDuty 確認呼叫（其 webhook 送達機器人）",
    say_escalation="（仍然沒有狀態更新）機器人升級通知事件指揮官",
    say_update="carol：/incident 更新 已將 checkout-svc 回滾…；錯誤率回到 0.2%",
    say_publish="carol：/incident 執行 comms；在草稿上點按鈕發布到狀態頁",
    say_summary="bob：/incident 摘要（只有 bob 看得到），再分享到頻道",
    say_monitoring="bob 點卡片上的［監控中］",
    say_resolve="alice 點［解決］，在表單中寫下如何解決",
    say_publish_resolution="呼叫隨事件一起解決；carol 發布解決的狀態頁草稿",
    say_run_all="alice：/incident 執行 全部（13 個代理步驟，離線引擎，一則訊息）",
    say_run_all_posted="    「執行 全部」在戰情室共張貼 {characters:,} 個字元（一則訊息隨步驟完成而更新；完整回答在詳細內容中）",
    say_details="    詳細內容「{title}」只有 alice 看得到",
    say_decision="alice：/incident 決策 在閘道完成前先走金絲雀發布 … 因為 …",
    say_postmortem="alice：/incident 事後檢討（附上文件、匯出、計分卡）",
    say_action_item="alice 確認指派給 carol 的行動項目；它成為 Jira 工單",
    say_ticket_closed="carol 在 Jira 關閉工單；Jira 簽章的 webhook 關閉行動項目",
    say_timeline="carol：/incident 時間軸",
    say_follow="dave 在 #general 的事件公告上點［追蹤］",
    say_follower_dm="    dave（追蹤中）收到私訊：嚴重度二 → 嚴重度一",
    say_home="dave 打開 App Home，再輸入 /incident 統計 90d",
    say_home_open="bob 在 INC-1 仍在處理時打開 App Home",
    say_app_home_for="    已為 {who} 發布 App Home：{blocks} 個區塊（上限 100）",
    say_chart="    App Home 顯示的圖表（Slack 檔案 {file}）：{path}",
    standin_line="Slack 模擬服務：{slack}，機器人：{bot}，內嵌儲存（未設定 REDIS_URL：程序結束後資料不保留）",
    war_room_heading="===== #{name}（戰情室） =====",
    broadcast_heading="===== #general（廣播頻道） =====",
    timeline_heading="===== /incident 時間軸 =====",
    vendors_heading="===== 外部服務（模擬服務）的紀錄 =====",
    vendor_statuspage="Statuspage：{name!r} {status}（影響 {impact}），{updates} 則更新；元件 {components}",
    vendor_pagerduty="PagerDuty：{key} {status}（{summary}）",
    vendor_jira="Jira：{key} {summary!r}，到期日 {due}，負責人 {assignee}，{status}",
    postmortem_heading="===== 事後檢討 =====",
    run_all_posted="「執行 全部」在戰情室共張貼 {characters:,} 個字元",
    charts="圖表（App Home）：{paths}",
    passed="演練通過。紀錄：{transcript}；事後檢討：{postmortem}",
    failed="演練失敗：{failure}",
)

SCRIPTS = {script.locale: script for script in (ENGLISH, CHINESE)}


def script_for(locale: str) -> Script:
    """The drill's script in `locale` (`en` or `zh-TW`)."""
    try:
        return SCRIPTS[locale]
    except KeyError:
        raise ValueError(f"the drill plays in {', '.join(SCRIPTS)}, not {locale!r}") from None
