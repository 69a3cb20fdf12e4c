"""Named cues the triage model reads: scope, magnitude and cause words, in English and zh-TW.

Each cue has the words a responder reads in the reason ("all regions", "only management
operations") and the regular expressions that find it in lower-cased text. The model learns how
much each cue weighs; these tables only say what the text means, never which answer to give.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    name: str
    words: str  # how the cue reads in a reason
    patterns: tuple[str, ...]


_EN = r"(?<![a-z0-9])"  # word start
_END = r"(?![a-z0-9])"


def _w(*terms: str) -> tuple[str, ...]:
    """English terms as whole words (plural s allowed); the rest are regexes as given."""
    return tuple(_EN + term + r"(?:e?s)?" + _END for term in terms)


# --- scope: who and how much is affected --------------------------------------------------------

SCOPE_CUES: tuple[Cue, ...] = (
    Cue("all_regions", "all regions", (
        *_w(r"all (?:\w+ )?regions", r"every region", r"any region", r"globally", r"worldwide",
            r"across all", r"all (?:our )?(?:pops|data ?centers|locations)", r"every pop",
            r"from every region", r"multiple regions", r"several regions"),
        r"所有(?:區域|地區|地區的|區)", r"全球", r"全部區域", r"多個區域", r"所有區域",
    )),
    Cue("whole_region", "a whole region or site", (
        *_w(r"(?:whole|entire) [\w-]+ region", r"region(?: is)? (?:down|unreachable|unavailable)",
            r"in the region", r"only (?:region|data ?center)", r"our only"),
        r"整個\s*[\w-]*\s*(?:區域|區|機房)", r"唯一的機房", r"該區",
    )),
    Cue("everyone", "all users or customers", (
        *_w(r"all (?:\w+ )?(?:users|customers|visitors|merchants|tenants|employees)",
            r"every (?:\w+ )?(?:user|customer|visitor|merchant|request|payment|attempt|charge)",
            r"everyone", r"for everyone", r"no one", r"nobody", r"none of (?:our|the)",
            r"for all", r"100 ?%", r"all (?:our )?(?:uploads|deploys|requests|traffic)",
            r"whole product", r"entire (?:site|product|service)", r"site-wide"),
        r"所有(?:使用者|用戶|客戶|訪客|人|會員|員工)", r"全站", r"全面", r"全部(?:無法|中斷|載入|失敗|都)?",
        r"每筆", r"每個", r"所有",
    )),
    Cue("majority", "most users or requests", (
        *_w(r"most (?:\w+ )?(?:users|customers|requests|merchants|web requests)", r"majority",
            r"most of", r"nearly every", r"almost all", r"the majority"),
        r"大多數", r"多數", r"大部分", r"幾乎(?:每|所有|全部)",
    )),
    Cue("many", "many users or a large share", (
        *_w(r"(?<!too )many", r"a large (?:share|number|subset|portion)", r"significant (?:share|number)",
            r"a significant", r"large number", r"a high share", r"widespread", r"major"),
        r"許多", r"大量", r"很多", r"暴增",
    )),
    Cue("subset", "a subset or some users", (
        *_w(r"a subset", r"subset of", r"some (?:\w+ )?(?:users|customers|accounts|requests|"
            r"instances|repositories|projects|workspaces|tenants|droplets|merchants|items)",
            r"a portion", r"portion of", r"some of", r"partial", r"partially", r"parts? of"),
        r"部分", r"一部分",
    )),
    Cue("limited", "a limited subset or a small number", (
        *_w(r"a limited (?:subset|number)", r"limited subset", r"small (?:number|percentage|share)",
            r"a few", r"a handful", r"handful of", r"few (?:users|customers|workspaces)",
            r"small set", r"(?:two|three|four|2|3|4) (?:customers|users)"),
        r"少數", r"少部分", r"一小部分", r"幾位", r"幾筆", r"幾個", r"兩位", r"(?<![\d,])[2-9]\s*位客戶",
    )),
    Cue("single", "a single user, customer or team", (
        *_w(r"a single (?:user|customer|employee|account|ip)", r"one (?:customer|user|team|"
            r"organization|listing|employee)", r"single user"),
        r"一位", r"單一(?:使用者|客戶)", r"一台",
    )),
    Cue("intermittent", "intermittent, retries succeed", (
        *_w(r"intermittent", r"intermittently", r"occasional", r"occasionally", r"sporadic",
            r"retr(?:y|ies) (?:usually )?(?:succeed|work)s?", r"briefly"),
        r"間歇", r"偶爾", r"重試(?:通常)?(?:可以|會)?成功", r"重試可成功",
    )),
    Cue("management_only", "only management operations", (
        *_w(r"management operations?", r"control plane", r"(?:create|creating|creation of) new",
            r"existing [\w ]{0,30}(?:unaffected|continue|keep|are fine|serve)",
            r"running (?:apps|instances|workloads|clusters)[\w ]{0,20}(?:unaffected|fine|run)",
            r"provisioning", r"scaling and config"),
        r"管理操作", r"既有.{0,10}(?:不受影響|正常)", r"建立新", r"執行中.{0,8}正常",
    )),
    Cue("internal", "internal or staff-facing only", (
        *_w(r"internal", r"internal-only", r"for engineers", r"our support team",
            r"employees?", r"for one team", r"ci (?:runners|network|builds)"),
        r"內部", r"工程師", r"客服團隊", r"業務", r"平台團隊",
    )),
    Cue("no_customer_impact", "no customer impact", (
        *_w(r"no (?:customer|user) impact", r"customers? (?:are )?unaffected",
            r"(?:production|prod|traffic|customer traffic)[\w ]{0,20}(?:unaffected|not affected|"
            r"is fine|fine|not impacted)", r"not (?:affected|impacted)", r"no user impact yet",
            r"no (?:successful|dashboards)", r"monitoring gap only", r"customers unaffected",
            r"data collection continues", r"works? normally", r"unaffected"),
        r"不受影響", r"客戶無影響", r"無影響", r"正常(?:運作)?$", r"仍正常",
    )),
    Cue("nonprod", "staging, test or dev only", (
        *_w(r"staging", r"test environment", r"dev cluster", r"dev environment", r"load test",
            r"sandbox"),
        r"測試環境", r"開發叢集", r"壓測",
    )),
    Cue("early_warning", "an early warning, nothing broken yet", (
        *_w(r"expires? in \d+ days", r"expires? next (?:month|week)", r"expiring", r"no .{0,12}yet",
            r"climbing", r"at 7\d ?%"),
        r"\d+\s*天後到期", r"下個月到期", r"即將到期", r"尚無錯誤", r"使用率\s*7\d",
    )),
    Cue("cosmetic", "cosmetic only", (
        *_w(r"typo(?! in (?:the )?(?:config|code|query|script|migration))", r"misspell\w*",
            r"copyright", r"screenshot", r"wrong (?:product )?image",
            r"label", r"wrong language", r"header"),
        r"錯字", r"打錯", r"版權", r"截圖", r"標頭",
    )),
    Cue("core_function", "a core function (login, payments, checkout, the product)", (
        *_w(r"log ?in", r"sign[ -]?in", r"sign-?ups?", r"checkout", r"check out", r"payments?",
            r"charges?", r"pay", r"card (?:payments|transactions)", r"messages?", r"git push",
            r"git operations", r"homepage", r"website", r"the site", r"the app", r"api requests?", r"carts?",
            r"orders?"),
        r"登入", r"結帳", r"付款", r"扣款", r"交易", r"註冊", r"首頁", r"網站", r"訊息", r"下單", r"訂單", r"購物車",
    )),
    Cue("fully_down", "fully unavailable", (
        *_w(r"completely", r"(?:is|are|went) (?:completely )?(?:down|offline|dark)",
            r"unreachable", r"unavailable", r"does not (?:load|resolve)", r"do not (?:load|resolve)",
            r"cannot (?:connect|reach|pay|log in|sign in|be changed|write|read)", r"unusable", r"crash(?:es)? on (?:launch|start)",
            r"stopped", r"interrupted", r"not being sent", r"no access", r"fails? to load", r"down globally",
            r"is down", r"are down", r"went offline", r"severely"),
        r"全部(?:無法|中斷|失敗)", r"無法使用", r"中斷", r"打不開", r"連不上", r"掛(?:了|掉)", r"斷電",
        r"全黑", r"閃退", r"無法連線", r"無法寫入", r"無法解析",
    )),
    Cue("degraded_only", "degraded but working", (
        *_w(r"degraded", r"slower", r"slightly", r"a bit", r"eventually complete", r"still work",
            r"succeed but", r"fall ?back", r"falls back"),
        r"降級", r"稍慢", r"有點", r"仍正常", r"改用",
    )),
    Cue("data_lost", "data lost, not just delayed", (
        *_w(r"lost", r"data loss", r"deleted", r"deletion", r"unrecoverable",
            r"cannot be (?:recovered|backfilled)", r"not be backfilled", r"dropped", r"gone",
            r"not (?:being )?saved", r"missing", r"corrupted"),
        r"遺失", r"誤刪", r"刪除", r"無法(?:復原|補回)", r"丟棄", r"沒有被儲存", r"損毀", r"沒有進入",
    )),
    Cue("nothing_lost", "delayed, nothing lost", (
        *_w(r"no (?:data|notifications) (?:is |are )?lost", r"nothing is lost", r"not lost",
            r"will backfill", r"queued and", r"no data is lost"),
        r"沒有遺失", r"不會遺失", r"會補齊", r"不是延遲",
    )),
    Cue("powerful_secret", "production or cloud credentials", (
        *_w(r"aws (?:access )?keys?", r"root (?:access )?keys?", r"production (?:\w+ )?(?:keys?|secrets?|"
            r"credentials?|tokens?)", r"admin (?:credentials?|tokens?)", r"signing keys?",
            r"private keys?", r"host keys?", r"ssh keys?"),
        r"(?:aws|正式環境).{0,4}金鑰", r"私鑰", r"管理員(?:帳號|密碼)",
    )),
    Cue("credential_leak", "credential leak", (
        (r"(?:leak\w*|expos\w*|committed|pushed|posted|printed|published)[^.;]{0,40}"
         r"(?:keys?|tokens?|secrets?|credentials?|passwords?)(?![a-z])"),
        (r"(?:keys?|tokens?|secrets?|credentials?|passwords?)[^.;]{0,30}"
         r"(?:leak\w*|expos\w*|committed|pushed|posted|printed|published|found in)"),
        r"(?:金鑰|token|密碼|密鑰|憑證|權杖)[^。；]{0,12}(?:外洩|被推上|被提交|公開)",
    )),
    Cue("breach_confirmed", "confirmed unauthorised access or exfiltration", (
        *_w(r"exfiltrat\w*", r"(?:have|has|had) been accessed", r"used to (?:access|download)",
            r"attacker", r"threat actor", r"unauthori[sz]ed (?:access|party)", r"stolen",
            r"copied", r"unknown ips?", r"exported (?:all|every)", r"encrypted", r"dump", r"data breach",
            r"(?:customer|user|personal) data (?:was |were |is )?(?:leaked|exposed|stolen)",
            r"for sale"),
        r"未授權", r"匯出了?(?:全部|所有)", r"販售", r"(?:客戶|個人|使用者)?(?:資料|個資)外洩", r"不明 ?ip", r"加密了", r"盜用",
    )),
    Cue("one_zone", "one zone, cluster or site", (
        *_w(r"(?:a )?single (?:availability zone|az|zone|cluster|data ?cent(?:er|re)|pop)",
            r"one (?:availability zone|az|zone|data ?cent(?:er|re)|cluster|pop|site|carrier)",
            r"in one zone"),
        r"單一(?:可用區|叢集|區域)", r"一個資料中心", r"某可用區", r"單一.{0,4}叢集",
    )),
    Cue("region_named", "one named region", (
        r"(?<![a-z0-9])(?:us|eu|ap|sa|ca|me|af)-[a-z]+-\d(?![a-z0-9])",
        r"(?<![a-z0-9])(?:us|europe|asia|australia|northamerica|southamerica)-[a-z]+\d(?:-[a-z])?(?![a-z0-9])",
        *_w(r"(?:east|west|north|south|central|southeast)(?: us| europe| asia)(?: \d)?",
            r"(?:us|uk) (?:east|west|south|central)(?: \d)?", r"in (?:the )?(?:eu|us|apac|asia)",
            r"(?:eu|us|apac) region", r"in (?:europe|brazil|japan|tokyo)"),
        r"台灣區", r"歐洲區", r"美東", r"亞太區", r"西歐",
    )),
    Cue("rest_works", "the rest keeps working", (
        *_w(r"(?:themselves|otherwise|still) (?:succeed|work)\w*", r"continues? to work",
            r"others? (?:look|are|countries) fine", r"other countries fine", r"the rest",
            r"works? normally", r"unaffected", r"still (?:go out|work|running)"),
        r"其他.{0,8}正常", r"仍正常", r"(?:本身|主要服務)(?:成功|正常)",
    )),
    Cue("exposure_no_misuse", "exposed, no misuse seen", (
        *_w(r"no misuse", r"no (?:successful|evidence)", r"not (?:yet )?(?:used|exploited)",
            r"blocked most"),
        r"尚未發現濫用", r"沒有成功", r"擋下",
    )),
    Cue("low_risk", "reported as low risk", (
        *_w(r"low[- ]risk", r"bug bounty", r"informational"),
        r"低風險", r"獎勵計畫",
    )),
    Cue("minor_surface", "a minor, non-core page", (
        *_w(r"widget", r"badge", r"help cent(?:er|re)", r"docs site", r"status page",
            r"marketing", r"blog", r"footer", r"emoji", r"avatar", r"profile picture"),
        r"說明中心", r"部落格", r"行銷", r"小工具", r"頁尾", r"大頭貼",
    )),
    Cue("production_data", "the production database or core data", (
        *_w(r"production (?:database|db|data)", r"primary database", r"(?:orders|customer) database",
            r"(?:hours?|days?) of (?:data|writes)", r"all customer (?:records|data|uploads)"),
        r"正式環境資料庫", r"主資料庫", r"訂單資料庫", r"小時的(?:資料|寫入)", r"全部客戶資料",
    )),
    Cue("cross_customer", "customers see other customers' data", (
        *_w(r"other (?:customers|users)'", r"another (?:customer|user)'s",
            r"access to all data"),
        r"其他(?:客戶|使用者)的",
    )),
)

# --- cause: what kind of thing failed ----------------------------------------------------------

# Services a team buys (payments, messaging, identity, tooling): named in a declaration, they are
# nearly always the failing dependency.
SAAS_VENDORS: tuple[str, ...] = (
    "stripe", "paypal", "adyen", "braintree", "twilio", "sendgrid", "mailgun", "auth0", "okta",
    "google maps", "datadog", "zendesk", "sentry", "line pay", "pagerduty", "azure active directory",
)
# Platforms that also write their own status pages: named, they may be the writer or its provider.
PLATFORM_VENDORS: tuple[str, ...] = (
    "cloudflare", "fastly", "akamai", "aws", "azure", "github", "slack", "npm", "heroku", "gcp",
)
VENDORS = SAAS_VENDORS + PLATFORM_VENDORS

TYPE_CUES: tuple[Cue, ...] = (
    Cue("security_words", "security words", (
        *_w(r"attack\w*", r"ddos", r"breach\w*", r"unauthori[sz]ed", r"stolen", r"compromised",
            r"phishing", r"malicious", r"ransomware", r"credential stuffing", r"vulnerabilit\w*",
            r"sql injection", r"exposed", r"publicly listable", r"leaked", r"access key",
            r"api key", r"tokens?", r"threat actor", r"suspicious login", r"clickjacking",
            r"impersonat\w*", r"scraping", r"waf", r"password hash\w*",
            r"entering passwords"),
        r"攻擊", r"外洩", r"未授權", r"盜用", r"惡意", r"釣魚", r"漏洞", r"勒索", r"撞庫", r"金鑰",
        r"權杖", r"個資", r"弱點", r"異常.{0,4}登入", r"冒充", r"公開",
    )),
    Cue("data_words", "data words", (
        *_w(r"lost", r"data loss", r"deleted", r"deletion", r"missing", r"corrupt\w*",
            r"duplicate\w*", r"double charged", r"charged twice", r"wrong(?! config)", r"incorrect\w*",
            r"stale", r"wrongly", r"out-of-date", r"outdated", r"inconsistent", r"disagree", r"other customers'",
            r"not (?:being )?saved", r"off by", r"typo(?! in (?:the )?(?:config|code|query|script))", r"dropped", r"displaying incorrectly",
            r"permissions?", r"write access"),
        r"遺失", r"誤刪", r"刪除", r"重複", r"錯誤的", r"顯示錯誤(?!頁)", r"對不起來", r"損毀", r"舊價格",
        r"沒有被儲存", r"錯字", r"打錯", r"其他客戶", r"少了", r"舊的", r"過時",
    )),
    Cue("performance_words", "slowness or delay words", (
        *_w(r"slow\w*", r"latency", r"latencies", r"delay\w*", r"timeouts?", r"time out",
            r"timing out", r"queued", r"lag", r"longer than", r"sluggish", r"throttl\w*",
            r"p9\d", r"takes?", r"taking", r"seconds", r"\d+ ?s(?: |$)", r"minutes late",
            r"memory (?:usage|leak)", r"connection (?:leak|pool)", r"pool exhausted",
            r"exceed \d", r"too many connections"),
        r"延遲", r"變慢", r"逾時", r"慢", r"排隊", r"耗盡", r"久", r"限流", r"晚了", r"洩漏", r"連線池", r"秒",
    )),
    Cue("infrastructure_words", "network, region or hardware words", (
        *_w(r"network", r"packet loss", r"connectivity", r"availability zone", r"zones?",
            r"data ?cent(?:er|re)s?", r"power", r"cooling", r"dns", r"load balanc\w+",
            r"nodes?", r"notready", r"disk", r"certificate", r"tls", r"volumes?", r"brokers?",
            r"router", r"backbone", r"etcd", r"vpn", r"uplinks?", r"racks?", r"cluster",
            r"region unreachable", r"ebs", r"s3", r"network devices", r"infrastructure",
            r"instances? unreachable", r"virtual machines", r"vms?", r"handshake", r"filesystem",
            r"out of space", r"space"),
        r"網路", r"機房", r"斷電", r"節點", r"磁碟", r"憑證", r"可用區", r"負載平衡", r"封包",
        r"叢集", r"線路", r"機櫃", r"broker", r"dns", r"冷卻", r"電力", r"區域無法連線",
    )),
    Cue("server_errors", "server errors (5xx)", (
        *_w(r"5\d\d", r"5xx", r"http 5\d\d", r"error rates?", r"returning errors",
            r"internal server error"),
        r"(?<!\d)5\d\d(?!\d)", r"錯誤率",
    )),
    Cue("outage_words", "error or unavailability words", (
        *_w(r"errors?", r"unavailable", r"down", r"fail\w*", r"cannot", r"unable", r"5\d\d",
            r"5xx", r"crash\w*", r"not load", r"does not load", r"401", r"404",
            r"trouble", r"interrupted", r"not be able", r"unhealthy", r"blocked", r"issues?"),
        r"無法", r"錯誤", r"失敗", r"閃退", r"打不開", r"回傳", r"中斷", r"\b50\d\b", r"掛", r"故障", r"卡住",
    )),
    Cue("saas_vendor", "a bought service named", tuple(_EN + v + _END for v in SAAS_VENDORS)),
    Cue("vendor_named", "an external provider named", tuple(
        _EN + v + _END for v in VENDORS
    ) + (*_w(r"provider", r"vendor", r"upstream", r"carrier", r"registry", r"processor"),
         r"供應商", r"金流商", r"第三方(?!應用)", r"電信")),
    Cue("vendor_as_ours", "a provider we depend on is failing", (
        *_w(r"our (?:\w+ )?(?:provider|vendor|processor|cdn|idp|identity provider|dns provider)",
            r"(?:provider|vendor) we use", r"we use", r"(?:\w+ )?(?:outage|is down|is having)[\w ,:]*"
            r"(?:our|we)", r"our (?:alert|emails?|metrics|error events|deploy|site|website|app|"
            r"only region|whole product|customers|outbound mail|domains)",
            r"to us", r"third-party provider"),
        r"我們(?:的|用的)", r"供應商", r"金流商", r"第三方(?!應用)",
    )),
    Cue("third_party_victim", "third parties as the victims", (
        *_w(r"third-party (?:applications|apps|integrations|integrators)", r"integrations",
            r"apps? (?:installed|that call|using our)", r"vendor integrations",
            r"(?:providers|vendors) cannot reach our", r"calls? our", r"using our",
            r"polling our", r"that call our"),
        r"第三方應用", r"串接我們", r"我們的 ?api",
    )),
)

CUES: tuple[Cue, ...] = SCOPE_CUES + TYPE_CUES
