"""The words `/incident` accepts besides its English ones: Traditional Chinese subcommands,
statuses, roles and severities, and the normalising of full-width input.

A subcommand added elsewhere gets its Chinese form with one line in SUBCOMMAND_ALIASES
(tests/unit/test_command_aliases.py fails until every subcommand has one).
"""

from __future__ import annotations

import unicodedata

from bot.incident.kinds import Role, Status
from bot.incident.severity import Severity

# alias → the English subcommand it stands for (several aliases may name one subcommand;
# the first listed is the one the help shows)
SUBCOMMAND_ALIASES: dict[str, str] = {
    "宣告": "declare",
    "狀態": "status",
    "更新": "update",
    "嚴重度": "severity",
    "角色": "role",
    "執行": "run",
    "決策": "decision",
    "備註": "note",
    "解決": "resolve",
    "時間軸": "timeline",
    "事後檢討": "postmortem",
    "待辦": "actions",
    "行動項目": "actions",
    "列表": "list",
    "說明": "help",
    "幫助": "help",
    "摘要": "summary",
    "呼叫": "page",
    "狀態頁": "statuspage",
    "統計": "stats",
}

STATUS_ALIASES: dict[str, Status] = {
    "調查中": Status.INVESTIGATING,
    "已確認": Status.IDENTIFIED,
    "已識別": Status.IDENTIFIED,
    "監控中": Status.MONITORING,
    "觀察中": Status.MONITORING,
    "已解決": Status.RESOLVED,
}

ROLE_ALIASES_ZH: dict[str, Role] = {
    "事件指揮官": Role.INCIDENT_COMMANDER,
    "指揮官": Role.INCIDENT_COMMANDER,
    "技術負責人": Role.TECH_LEAD,
    "技術": Role.TECH_LEAD,
    "溝通負責人": Role.COMMS_LEAD,
    "溝通": Role.COMMS_LEAD,
    "主題專家": Role.SME,
    "專家": Role.SME,
}

_CHINESE_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4}
SEVERITY_ALIASES: dict[str, Severity] = {
    f"{prefix}{numeral}": Severity(f"SEV{level}")
    for numeral, level in [*_CHINESE_NUMERALS.items(), *((str(n), n) for n in range(1, 5))]
    for prefix in ("嚴重度", "嚴重等級", "等級")
}
SEVERITY_PREFIXES = ("嚴重度", "嚴重等級", "等級")

# Words of `/incident run`: 全部 = all, 階段 = phase.
RUN_ALL = ("all", "全部")
RUN_PHASE = ("phase", "階段")

# Separators between a decision and its rationale, English and Chinese.
BECAUSE_WORDS = ("because", "since", "why:", "rationale:", "因為", "原因:", "理由:")


def command_word(word: str) -> str:
    """A word the person typed where a command word goes, as the tables spell it: full-width
    letters, digits and punctuation folded (NFKC), lower case. Only command words are folded;
    titles, reasons and notes keep the person's own characters."""
    return unicodedata.normalize("NFKC", word).strip().lower()


def subcommand(word: str) -> str:
    """The English subcommand for a typed word (unchanged when it is not an alias)."""
    folded = command_word(word)
    return SUBCOMMAND_ALIASES.get(folded, folded)


def aliases_of(english: str) -> list[str]:
    return [alias for alias, target in SUBCOMMAND_ALIASES.items() if target == english]
