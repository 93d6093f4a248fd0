"""Traditional → Simplified: detect the script, convert with OpenCC (t2s) only when needed.

Converting costs time (OpenCC's pure-Python reimplementation), so pages are first
screened for characters that exist only in Traditional script.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Frequent characters in these reports that exist only in Traditional script.
_TRADITIONAL_ONLY = frozenset(
    "開報資與會國關說時實機於這個們發處區請結轉體況網務聯規範條數項業辦級門經濟廣華縣"
    "鎮員長議紀電計劃統決書據應對當權總類認證頁屬輔導護險稅費營運輸補貼執監審復訴訟為"
    "學術圖隊帶標準構築場際麼鄉農產銷樣環態變層職責訊號協調動題問讀"
)


_TRADITIONAL_RE = re.compile("[" + "".join(sorted(_TRADITIONAL_ONLY)) + "]")
#: Traditional-only forms of some of the commonest characters of any Chinese text (開 and 報 are
#: in every report's title, 公開…報告): a text written in Traditional holds some of them. Looked
#: for one by one (~0.3 µs each on a portal page's text) before the set is counted (~3 ns a
#: character, ~25 µs on a portal page's), which a Simplified page needs only when it holds one.
_COMMONEST_TRADITIONAL = "開報與會國關說時實發處區請結轉"


def is_traditional(text: str, *, threshold: int = 8) -> bool:
    """True when the text is written in Traditional characters: at least ``threshold`` of the
    frequent Traditional-only ones, and at least one in 200 characters (a 繁體版 link, a quoted
    name or a 屬于 typo in a long Simplified text is not enough; a Traditional report has ~10%),
    among them some of the commonest (:data:`_COMMONEST_TRADITIONAL`)."""
    if not any(c in text for c in _COMMONEST_TRADITIONAL):
        return False
    need = max(threshold, len(text) // 200)
    hits = 0
    for _ in _TRADITIONAL_RE.finditer(text):
        hits += 1
        if hits >= need:
            return True
    return False


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Traditional to Simplified (OpenCC t2s)."""
    return _converter().convert(text)


def simplify(text: str) -> tuple[str, str]:
    """Return ``(simplified_text, original_script)``."""
    if is_traditional(text):
        return to_simplified(text), "traditional"
    return text, "simplified"
